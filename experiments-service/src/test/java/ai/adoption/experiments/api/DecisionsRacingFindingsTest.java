package ai.adoption.experiments.api;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.experiments.Api;
import ai.adoption.experiments.GovernanceFindings;
import ai.adoption.experiments.TestInfrastructure;
import ai.adoption.testinfra.KafkaResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static ai.adoption.experiments.Api.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 12 §1, as an outside client met it: 200 ideas, each approved or rejected over HTTP, without
 * If-Match, at the moment governance's finding on it is being consumed (each finding is published
 * first, and each decision is sent while the consumer records the finding on that idea). No decision may fail with 409 because
 * the consumer appended to the same idea; every decision and every finding is recorded on its idea.
 */
@QuarkusTest
class DecisionsRacingFindingsTest {

    private static final int IDEAS = 200;
    private static final int THREADS = 8;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoHundredDecisionsWhileTheirFindingsAreConsumedAreAllRecordedWithTheirFindings() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0), new StringSerializer(), new ByteArraySerializer())) {
            List<Future<String>> submitted = new ArrayList<>();
            for (int i = 0; i < IDEAS; i++) {
                submitted.add(pool.submit(() -> Api.submitIdea("emp-" + UUID.randomUUID(), FINANCE)));
            }
            List<String> ideas = new ArrayList<>();
            for (Future<String> f : submitted) {
                ideas.add(f.get(60, TimeUnit.SECONDS));
            }

            // all findings first, under one key so that they are consumed in this order; then each idea's
            // decision is sent the moment the finding before its own is recorded, that is while the
            // consumer is recording the finding on this very idea
            String key = "race-" + UUID.randomUUID();
            List<Future<?>> published = new ArrayList<>();
            for (String ideaId : ideas) {
                UUID findingId = UUID.randomUUID();
                Instant now = Instant.now();
                UUID eventId = UUID.randomUUID();
                RecordedEvent<String> raised = new RecordedEvent<>(eventId, "finding", key, 1, "finding.raised", 1,
                        ContendedCommandsTest.finding(findingId, ideaId, "finding " + findingId), "system:governance",
                        "corr-" + eventId, UUID.randomUUID().toString(), now, now, 1);
                published.add(producer.send(CloudEvents.toRecord(TestInfrastructure.GOVERNANCE_FINDING_TOPIC,
                        GovernanceFindings.SOURCE, raised)));
            }
            for (Future<?> f : published) {
                f.get(30, TimeUnit.SECONDS);
            }
            List<Future<Integer>> decided = new ArrayList<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement recorded = c.prepareStatement(
                    "select count(*) from es_event where stream_type = 'idea' and stream_id = ? and event_type = 'idea.finding-recorded'")) {
                for (int i = 0; i < IDEAS; i++) {
                    if (i > 0) {
                        recorded.setString(1, ideas.get(i - 1));
                        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (!exists(recorded) && System.nanoTime() < deadline) {
                            LockSupport.parkNanos(200_000);
                        }
                    }
                    String ideaId = ideas.get(i);
                    boolean approve = i % 2 == 0;
                    decided.add(pool.submit(() -> decide(ideaId, approve).statusCode()));
                }
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<Integer> f : decided) {
                statuses.merge(f.get(60, TimeUnit.SECONDS), 1, Integer::sum);
            }
            System.out.println("DecisionsRacingFindingsTest statuses: " + statuses);
            assertThat(statuses).as("HTTP statuses of the decisions").isEqualTo(Map.of(200, IDEAS));

            await().atMost(120, TimeUnit.SECONDS).until(() -> count("idea.finding-recorded", ideas) == IDEAS);
            assertThat(count("idea.approved", ideas) + count("idea.rejected", ideas)).isEqualTo(IDEAS);
            System.out.println("DecisionsRacingFindingsTest gaps (finding tx start - decision tx start, ms): " + gaps(ideas));
            for (int i = 0; i < IDEAS; i++) {
                Response idea = Api.employee("x", FINANCE).get("/ideas/{id}", ideas.get(i));
                assertThat(idea.<String>path("status")).isEqualTo(i % 2 == 0 ? "APPROVED" : "REJECTED");
                assertThat(idea.<List<?>>path("findings")).hasSize(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static Response decide(String ideaId, boolean approve) {
        return approve
                ? Api.approver("fiona", FINANCE).body(Map.of("comment", "go")).post("/ideas/{id}/approve", ideaId)
                : Api.approver("fiona", FINANCE).body(Map.of("reason", "COST", "explanation", "no budget"))
                        .post("/ideas/{id}/reject", ideaId);
    }

    private Map<Long, Integer> gaps(List<String> ideas) throws Exception {
        Map<Long, Integer> gaps = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select (extract(epoch from f.recorded_at - d.recorded_at) * 1000)::bigint from es_event f join es_event d "
                        + "on d.stream_type = 'idea' and d.stream_id = f.stream_id and d.event_type in ('idea.approved', 'idea.rejected') "
                        + "where f.stream_type = 'idea' and f.event_type = 'idea.finding-recorded' and f.stream_id = any(?)")) {
            ps.setArray(1, c.createArrayOf("text", ideas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    gaps.merge(Math.round(rs.getLong(1) / 5.0) * 5, 1, Integer::sum);
                }
            }
        }
        return gaps;
    }

    private static boolean exists(PreparedStatement query) throws Exception {
        try (ResultSet rs = query.executeQuery()) {
            rs.next();
            return rs.getLong(1) > 0;
        }
    }

    private long count(String type, List<String> ideas) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from es_event where stream_type = 'idea' and event_type = ? and stream_id = any(?)")) {
            ps.setString(1, type);
            ps.setArray(2, c.createArrayOf("text", ideas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
