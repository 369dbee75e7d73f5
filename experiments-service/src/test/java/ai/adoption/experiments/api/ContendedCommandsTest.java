package ai.adoption.experiments.api;

import ai.adoption.experiments.Api;
import ai.adoption.experiments.TestInfrastructure;
import ai.adoption.testinfra.KafkaResource;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static ai.adoption.experiments.Api.FINANCE;
import static ai.adoption.experiments.GovernanceFindings.event;
import static ai.adoption.experiments.GovernanceFindings.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * Issue 12 §1: a command never fails because the system's own consumer touched the same stream.
 * The races are made deterministic with test-only triggers on {@code es_event} that act only on a
 * payload carrying a marker unique to the test: one holds an approval's append (after it loaded the
 * idea) on an advisory lock while the findings consumer records a finding on the same idea; another
 * raises the stream-version unique violation a given number of times, as a concurrent writer would.
 */
@QuarkusTest
class ContendedCommandsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry meters;

    @Test
    void anApprovalThatRacesAFindingIsDecidedAgainOnTheNewStateAndAnIfMatchOneIs412() throws Exception {
        String marker = "hold-" + UUID.randomUUID();
        long lockKey = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        String trigger = "test_hold_" + UUID.randomUUID().toString().replace("-", "");
        double retriesBefore = count("eventsourcing.command.retries");
        try (Connection lock = dataSource.getConnection()) {
            execute(lock, "create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.payload->>'comment' = '" + marker + "' then perform pg_advisory_xact_lock(" + lockKey + "); end if; "
                    + "return new; end $$");
            execute(lock, "create trigger " + trigger + " before insert on es_event for each row execute function " + trigger + "()");
            try {
                // without If-Match: the approval loaded version 1, the finding took version 2 meanwhile;
                // the approval is decided again on version 2 and recorded as version 3
                String ideaId = Api.submitIdea("alice", FINANCE);
                Response approved = raceWithFinding(lock, lockKey, ideaId, marker, null);
                approved.then().statusCode(200).header("ETag", "\"3\"").body("status", equalTo("APPROVED"))
                        .body("findings.size()", equalTo(1));
                assertThat(eventTypes(ideaId)).containsExactly("idea.submitted", "idea.finding-recorded", "idea.approved");
                assertThat(count("eventsourcing.command.retries")).isGreaterThan(retriesBefore);

                // with If-Match "1": the retry's reload is version 2, which no longer matches: 412, not 409, not a success
                String strictId = Api.submitIdea("alice", FINANCE);
                Response strict = raceWithFinding(lock, lockKey, strictId, marker, "\"1\"");
                strict.then().statusCode(412).contentType("application/problem+json").body("currentVersion", equalTo(2))
                        .body("errors[0].field", equalTo("If-Match"));
                assertThat(eventTypes(strictId)).containsExactly("idea.submitted", "idea.finding-recorded");
            } finally {
                execute(lock, "drop trigger " + trigger + " on es_event");
                execute(lock, "drop function " + trigger + "()");
            }
        }
    }

    @Test
    void aUnitOfWorkIsRetriedAtMostFiveTimesAndTheCallerGets409OnlyWhenTheStateForbidsIt() throws Exception {
        String fourTimes = "conflict-4-" + UUID.randomUUID();
        String always = "conflict-always-" + UUID.randomUUID();
        String trigger = "test_conflict_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = dataSource.getConnection()) {
            execute(c, "create sequence " + trigger + "_four");
            execute(c, "create sequence " + trigger + "_always");
            execute(c, "create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.payload->>'comment' = '" + fourTimes + "' then "
                    + "if nextval('" + trigger + "_four') <= 4 then " + conflict() + " end if; end if; "
                    + "if new.payload->>'comment' = '" + always + "' then perform nextval('" + trigger + "_always'); "
                    + conflict() + " end if; return new; end $$");
            execute(c, "create trigger " + trigger + " before insert on es_event for each row execute function " + trigger + "()");
            try {
                // four conflicts, then the fifth attempt goes through
                String ideaId = Api.submitIdea("bob", FINANCE);
                Api.approver("fiona", FINANCE).body(Map.of("comment", fourTimes)).post("/ideas/{id}/approve", ideaId)
                        .then().statusCode(200).body("status", equalTo("APPROVED"));
                assertThat(sequence(c, trigger + "_four")).isEqualTo(5);

                // a conflict on every attempt: five attempts, then the conflict is the answer
                double exhaustedBefore = count("eventsourcing.command.retries.exhausted");
                String stuckId = Api.submitIdea("bob", FINANCE);
                Api.approver("fiona", FINANCE).body(Map.of("comment", always)).post("/ideas/{id}/approve", stuckId)
                        .then().statusCode(409).contentType("application/problem+json")
                        .body("type", equalTo("https://ai-adoption.example/problems/concurrent-modification"));
                assertThat(sequence(c, trigger + "_always")).isEqualTo(5);
                assertThat(count("eventsourcing.command.retries.exhausted")).isEqualTo(exhaustedBefore + 1);

                // the state forbids it: 409 naming the current state, at once (no retry needed)
                Api.approver("fiona", FINANCE).body(Map.of("reason", "COST", "explanation", "no budget"))
                        .post("/ideas/{id}/reject", ideaId).then().statusCode(409)
                        .body("type", equalTo("https://ai-adoption.example/problems/illegal-transition"))
                        .body("currentState", equalTo("APPROVED"))
                        .body("detail", equalTo("Cannot reject: the idea is APPROVED"));
            } finally {
                execute(c, "drop trigger " + trigger + " on es_event");
                execute(c, "drop function " + trigger + "()");
                execute(c, "drop sequence " + trigger + "_four");
                execute(c, "drop sequence " + trigger + "_always");
            }
        }
    }

    @Test
    void aConsumerThatKeepsMeetingConflictsIsRetriedInPlaceAndNeverDeadLettered() throws Exception {
        String marker = "consumer-conflict-" + UUID.randomUUID();
        String trigger = "test_consumer_conflict_" + UUID.randomUUID().toString().replace("-", "");
        try (Connection c = dataSource.getConnection()) {
            execute(c, "create sequence " + trigger + "_seq");
            // more conflicts than eventsourcing.consumer.max-attempts (3): counted, they would dead-letter it
            execute(c, "create function " + trigger + "() returns trigger language plpgsql as $$ begin "
                    + "if new.payload->>'message' = '" + marker + "' then "
                    + "if nextval('" + trigger + "_seq') <= 5 then " + conflict() + " end if; end if; return new; end $$");
            execute(c, "create trigger " + trigger + " before insert on es_event for each row execute function " + trigger + "()");
            try {
                String ideaId = Api.submitIdea("carol", FINANCE);
                UUID findingId = UUID.randomUUID();
                send(event(findingId, 1, "finding.raised", finding(findingId, ideaId, marker)));

                await().atMost(60, TimeUnit.SECONDS).until(() -> Api.employee("carol", FINANCE).get("/ideas/{id}", ideaId)
                        .<List<?>>path("findings").size() == 1);
                Api.employee("carol", FINANCE).get("/ideas/{id}", ideaId).then()
                        .body("findings[0].findingId", equalTo(findingId.toString()))
                        .body("findings[0].message", equalTo(marker));
                assertThat(sequence(c, trigger + "_seq")).isEqualTo(6);
                assertThat(deadLetters(findingId.toString())).isEmpty();
            } finally {
                execute(c, "drop trigger " + trigger + " on es_event");
                execute(c, "drop function " + trigger + "()");
                execute(c, "drop sequence " + trigger + "_seq");
            }
        }
    }

    /**
     * Holds the approval's append on the advisory lock (it has loaded the idea at version 1 by then),
     * lets the findings consumer record a finding on the same idea, then lets the approval go on.
     */
    private Response raceWithFinding(Connection lock, long lockKey, String ideaId, String marker, String ifMatch) throws Exception {
        execute(lock, "select pg_advisory_lock(" + lockKey + ")");
        CompletableFuture<Response> approval;
        try {
            approval = CompletableFuture.supplyAsync(() -> {
                var request = Api.approver("fiona", FINANCE).body(Map.of("comment", marker));
                if (ifMatch != null) {
                    request = request.header("If-Match", ifMatch);
                }
                return request.post("/ideas/{id}/approve", ideaId);
            });
            await().atMost(30, TimeUnit.SECONDS).until(() -> waitsForAdvisoryLock(lockKey));
            UUID findingId = UUID.randomUUID();
            send(event(findingId, 1, "finding.raised", finding(findingId, ideaId, "finding " + findingId)));
            await().atMost(60, TimeUnit.SECONDS).until(() -> eventTypes(ideaId).contains("idea.finding-recorded"));
        } finally {
            execute(lock, "select pg_advisory_unlock(" + lockKey + ")");
        }
        return approval.get(60, TimeUnit.SECONDS);
    }

    /** What a concurrent writer on the same stream makes the insert fail with. */
    private static String conflict() {
        return "raise unique_violation using message = 'duplicate key value violates unique constraint "
                + "\"es_event_stream_version_uk\"', constraint = 'es_event_stream_version_uk';";
    }

    static String finding(UUID findingId, String ideaId, String message) {
        return "{\"findingId\":\"" + findingId + "\",\"ideaId\":\"" + ideaId + "\",\"department\":\"finance\","
                + "\"tool\":\"ChatGPT Free\",\"dataClassification\":\"CONFIDENTIAL\",\"kind\":\"TOOL_NOT_APPROVED\","
                + "\"message\":\"" + message + "\"}";
    }

    private double count(String name) {
        return meters.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    private boolean waitsForAdvisoryLock(long key) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from pg_locks where locktype = 'advisory' and not granted "
                        + "and classid = 0 and objid = ?::bigint::oid")) {
            ps.setLong(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        }
    }

    private List<String> eventTypes(String streamId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select event_type from es_event where stream_type = 'idea' and stream_id = ? order by stream_version")) {
            ps.setString(1, streamId);
            List<String> types = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.add(rs.getString(1));
                }
            }
            return types;
        }
    }

    private static long sequence(Connection c, String name) throws Exception {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select last_value from " + name)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void execute(Connection c, String sql) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String key) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestInfrastructure.GOVERNANCE_FINDING_DLT));
            List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
            }
            return mine;
        }
    }
}
