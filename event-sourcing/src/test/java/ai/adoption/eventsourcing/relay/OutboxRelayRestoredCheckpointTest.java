package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.PostgresResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A checkpoint that belongs to another cluster (as after pg_dump/restore elsewhere) is refused loudly
 * instead of silently skipping new events: metric, health group DOWN, nothing published, until an
 * operator resets it as deploy/README.md describes.
 */
class OutboxRelayRestoredCheckpointTest {

    private OutboxRelay relay;
    private TopicReader reader;

    @AfterEach
    void tearDown() {
        EsDatabases.closeQuietly(reader);
        EsDatabases.closeQuietly(relay);
    }

    @Test
    void aCheckpointRecordedOnAnotherClusterIsRefusedUntilAnOperatorAcknowledgesIt() {
        PostgresResource.Database db = EsDatabases.migrated("es_restore_sysid");
        String prefix = KafkaTopics.uniquePrefix("restore-sysid");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 1);
        EsDatabases.execute(db, "update es_relay_checkpoint set system_identifier = 1234567890123 where relay = 'kafka'");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        relay = KafkaTopics.relay(db, prefix, Duration.ofMillis(200), KafkaTopics.uniqueLockKey(), meters);
        relay.start();
        RecordedEvent<String> event = EsDatabases.appendCommitted(db, "r-" + UUID.randomUUID(), 0, "{}");
        relay.wake();

        await().atMost(Duration.ofSeconds(20)).until(() -> relay.checkpointMismatch().isPresent());
        assertThat(relay.checkpointMismatch().orElseThrow()).contains("1234567890123");
        assertRefusing(meters, topic);

        // operator: the cluster changed but its transaction ids are this cluster's (e.g. pg_upgrade)
        EsDatabases.execute(db, "update es_relay_checkpoint set system_identifier = null where relay = 'kafka'");
        reader.awaitIds(List.of(event.eventId()), Duration.ofSeconds(20));
        assertThat(TopicReader.idsOf(reader.records())).contains(event.eventId().toString());
        assertAccepting(meters, db);
    }

    @Test
    void aCheckpointTransactionIdThisClusterHasNotIssuedIsRefusedUntilAnOperatorResetsIt() {
        PostgresResource.Database db = EsDatabases.migrated("es_restore_xid");
        String prefix = KafkaTopics.uniquePrefix("restore-xid");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 1);
        // as restored from a busier cluster: far ahead of anything this cluster has issued
        EsDatabases.execute(db, "update es_relay_checkpoint set last_transaction_id = '40000000000', last_position = 0,"
                + " system_identifier = null where relay = 'kafka'");
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        relay = KafkaTopics.relay(db, prefix, Duration.ofMillis(200), KafkaTopics.uniqueLockKey(), meters);
        relay.start();
        RecordedEvent<String> event = EsDatabases.appendCommitted(db, "r-" + UUID.randomUUID(), 0, "{}");
        relay.wake();

        await().atMost(Duration.ofSeconds(20)).until(() -> relay.checkpointMismatch().isPresent());
        assertThat(relay.checkpointMismatch().orElseThrow()).contains("40000000000");
        assertRefusing(meters, topic);

        // operator: re-publish from the start (consumers de-duplicate by ce_id)
        EsDatabases.execute(db, "update es_relay_checkpoint set last_transaction_id = '0', last_position = 0,"
                + " system_identifier = null where relay = 'kafka'");
        reader.awaitIds(List.of(event.eventId()), Duration.ofSeconds(20));
        assertThat(TopicReader.idsOf(reader.records())).contains(event.eventId().toString());
        assertAccepting(meters, db);
    }

    private void assertRefusing(SimpleMeterRegistry meters, String topic) {
        assertThat(KafkaTopics.gauge(meters, "eventsourcing.relay.checkpoint.mismatch")).isEqualTo(1.0);
        assertThat(RelayHealthCheck.response(Optional.of(relay)).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(relay.isRunning()).isTrue();
        reader = new TopicReader(topic);
        assertThat(reader.pollFor(Duration.ofSeconds(3))).as("nothing is published against a foreign checkpoint").isEmpty();
    }

    private void assertAccepting(SimpleMeterRegistry meters, PostgresResource.Database db) {
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.checkpointMismatch().isEmpty());
        assertThat(KafkaTopics.gauge(meters, "eventsourcing.relay.checkpoint.mismatch")).isZero();
        assertThat(RelayHealthCheck.response(Optional.of(relay)).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(EsDatabases.count(db, "select count(*) from es_relay_checkpoint"
                + " where system_identifier = (select system_identifier from pg_control_system())"))
                .as("this cluster's identifier is recorded with the checkpoint").isEqualTo(1);
    }
}
