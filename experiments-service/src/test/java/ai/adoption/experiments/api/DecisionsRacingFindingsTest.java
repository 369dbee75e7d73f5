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
 * right before its decision is sent, in a few parallel lanes). No decision may fail with 409 because
 * the consumer appended to the same idea; every decision and every finding is recorded on its idea.
 */
@QuarkusTest
class DecisionsRacingFindingsTest {

    private static final int IDEAS = 200;
    private static final int LANES = 4;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void twoHundredDecisionsWhileTheirFindingsAreConsumedAreAllRecordedWithTheirFindings() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(LANES);
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

            List<Future<List<Integer>>> lanes = new ArrayList<>();
            for (int lane = 0; lane < LANES; lane++) {
                int first = lane;
                lanes.add(pool.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int i = first; i < IDEAS; i += LANES) {
                        String ideaId = ideas.get(i);
                        UUID findingId = UUID.randomUUID();
                        RecordedEvent<String> raised = GovernanceFindings.event(findingId, 1, "finding.raised",
                                ContendedCommandsTest.finding(findingId, ideaId, "finding " + findingId));
                        producer.send(CloudEvents.toRecord(TestInfrastructure.GOVERNANCE_FINDING_TOPIC, GovernanceFindings.SOURCE,
                                raised)).get(30, TimeUnit.SECONDS);
                        // the consumer picks the record up within a few milliseconds: land the decision around then
                        LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos((i * 37L) % 4000));
                        statuses.add(decide(ideaId, i % 2 == 0).statusCode());
                    }
                    return statuses;
                }));
            }
            Map<Integer, Integer> statuses = new TreeMap<>();
            for (Future<List<Integer>> lane : lanes) {
                for (int status : lane.get(120, TimeUnit.SECONDS)) {
                    statuses.merge(status, 1, Integer::sum);
                }
            }
            assertThat(statuses).as("HTTP statuses of the decisions").isEqualTo(Map.of(200, IDEAS));

            await().atMost(120, TimeUnit.SECONDS).until(() -> count("idea.finding-recorded", ideas) == IDEAS);
            assertThat(count("idea.approved", ideas) + count("idea.rejected", ideas)).isEqualTo(IDEAS);
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
