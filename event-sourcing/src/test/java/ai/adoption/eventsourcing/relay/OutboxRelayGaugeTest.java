package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The unpublished gauge is measured on its own timer, so it keeps moving while the publish loop waits for Kafka. */
class OutboxRelayGaugeTest {

    private static final int DURING_OUTAGE = 7;

    private OutboxRelay relay;
    private TopicReader reader;

    @AfterEach
    void tearDown() {
        KafkaResource.startBroker();
        EsDatabases.closeQuietly(reader);
        EsDatabases.closeQuietly(relay);
    }

    @Test
    void unpublishedKeepsMovingWhileTheBrokerIsDownAndReturnsToZeroAfterwards() throws Exception {
        PostgresResource.Database db = EsDatabases.migrated("es_gauge");
        String prefix = KafkaTopics.uniquePrefix("gauge");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 1);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        relay = KafkaTopics.relay(db, prefix, Duration.ofMillis(200), KafkaTopics.uniqueLockKey(), meters);
        relay.start();
        RecordedEvent<String> warmUp = EsDatabases.appendCommitted(db, "g-" + UUID.randomUUID(), 0, "{}");
        relay.wake();
        reader = new TopicReader(topic);
        reader.awaitIds(List.of(warmUp.eventId()), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.unpublished() == 0);

        KafkaResource.stopBroker();
        List<UUID> appended = new ArrayList<>();
        String stream = "g-" + UUID.randomUUID();
        try (Connection c = db.connect()) {
            for (int version = 0; version < DURING_OUTAGE; version++) {
                appended.add(EsDatabases.append(c, stream, version, "{}").eventId());
                relay.wake();
                Thread.sleep(300);
            }
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.unpublished() == DURING_OUTAGE);
        assertThat(KafkaTopics.gauge(meters, "eventsourcing.relay.unpublished")).isEqualTo(DURING_OUTAGE);

        KafkaResource.startBroker();
        reader.awaitIds(appended, Duration.ofSeconds(90));
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.unpublished() == 0);
        assertThat(KafkaTopics.gauge(meters, "eventsourcing.relay.unpublished")).isZero();
    }
}
