package ai.adoption.experiments.api;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.experiments.Api;
import ai.adoption.experiments.TestInfrastructure;
import ai.adoption.testinfra.KafkaResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static ai.adoption.experiments.Api.FINANCE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance 2: with the broker down, commands still succeed (the outbox holds their events); once it
 * is back, every event is on the topic exactly once by event id, in stream order.
 */
@QuarkusTest
class BrokerOutageTest {

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void brokerIsBack() {
        if (!KafkaResource.isBrokerRunning()) {
            KafkaResource.startBroker();
        }
    }

    @Test
    void commandsSucceedWhileTheBrokerIsDownAndEveryEventIsPublishedOnceWhenItReturns() throws Exception {
        KafkaResource.stopBroker();
        List<String> ideas = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String id = Api.submitIdea("outage-" + i, FINANCE);
            Api.approver("mgr", FINANCE).body(Map.of("comment", "approved during the outage"))
                    .post("/ideas/{id}/approve", id).then().statusCode(200);
            ideas.add(id);
        }
        Api.anonymous().get("/q/health/ready").then().statusCode(200); // the pod still serves: the outbox holds the events
        Api.anonymous().get("/q/health/group/kafka").then().statusCode(503);
        Thread.sleep(2_000);
        KafkaResource.startBroker();

        Map<String, List<Long>> expected = expectedSequences(ideas);
        int total = expected.values().stream().mapToInt(List::size).sum();
        assertThat(total).isEqualTo(20);

        Map<String, List<Long>> seen = new HashMap<>();
        Set<String> eventIds = new HashSet<>();
        List<String> duplicates = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestInfrastructure.topic("idea")));
            long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
            int matched = 0;
            long quietUntil = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, quietUntil)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (!expected.containsKey(record.key())) {
                        continue;
                    }
                    String eventId = CloudEvents.header(record.headers(), "ce_id").orElseThrow();
                    if (!eventIds.add(eventId)) {
                        duplicates.add(eventId);
                    }
                    seen.computeIfAbsent(record.key(), k -> new ArrayList<>())
                            .add(Long.parseLong(CloudEvents.header(record.headers(), "ce_sequence").orElseThrow()));
                    if (++matched == total) {
                        quietUntil = System.nanoTime() + Duration.ofSeconds(3).toNanos(); // linger to catch duplicates
                    }
                }
            }
        }
        assertThat(duplicates).as("duplicate event ids").isEmpty();
        assertThat(eventIds).hasSize(total);
        assertThat(seen).isEqualTo(expected);
        Api.anonymous().get("/q/health/ready").then().statusCode(200);
    }

    private Map<String, List<Long>> expectedSequences(List<String> ideas) throws Exception {
        Map<String, List<Long>> expected = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select stream_id, stream_version from es_event where stream_type = 'idea' and stream_id = any (?) order by stream_id, stream_version")) {
            ps.setArray(1, c.createArrayOf("text", ideas.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    expected.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getLong(2));
                }
            }
        }
        return expected;
    }
}
