package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.PostgresResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The relay writes its checkpoint at most once per checkpoint interval, not after every batch: rounds
 * that publish within the interval leave {@code es_relay_checkpoint} untouched, and a graceful stop
 * writes the checkpoint the relay reached.
 */
class OutboxRelayCheckpointIntervalTest {

    private static final int ROUNDS = 5;

    private OutboxRelay relay;
    private TopicReader reader;

    @AfterEach
    void tearDown() {
        EsDatabases.closeQuietly(reader);
        EsDatabases.closeQuietly(relay);
    }

    @Test
    void roundsWithinTheIntervalDoNotWriteTheCheckpointAndStoppingWritesIt() {
        PostgresResource.Database db = EsDatabases.migrated("es_ckpt");
        String prefix = KafkaTopics.uniquePrefix("ckpt");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 1);
        RelaySettings defaults = KafkaTopics.settings(prefix, Duration.ofMillis(200), KafkaTopics.uniqueLockKey());
        RelaySettings settings = new RelaySettings(defaults.topicPrefix(), defaults.source(), defaults.pollInterval(),
                defaults.batchSize(), defaults.channel(), defaults.lockKey(), defaults.livenessTimeout(),
                defaults.gaugeInterval(), defaults.linger(), Duration.ofHours(1));
        relay = KafkaTopics.relay(settings, db::connect, new SimpleMeterRegistry());
        relay.start();
        reader = new TopicReader(topic);
        RecordedEvent<String> warmUp = EsDatabases.appendCommitted(db, "c-" + UUID.randomUUID(), 0, "{}");
        relay.wake();
        reader.awaitIds(List.of(warmUp.eventId()), Duration.ofSeconds(30));
        long rowVersion = checkpointRowVersion(db);

        String stream = "c-" + UUID.randomUUID();
        RecordedEvent<String> last = null;
        for (int version = 0; version < ROUNDS; version++) {
            // one event per round: each is published before the next is appended
            last = EsDatabases.appendCommitted(db, stream, version, "{\"v\":" + (version + 1) + "}");
            relay.wake();
            reader.awaitIds(List.of(last.eventId()), Duration.ofSeconds(30));
        }
        assertThat(checkpointRowVersion(db)).as("the checkpoint row is not rewritten by %d published rounds", ROUNDS)
                .isEqualTo(rowVersion);
        assertThat(EsDatabases.checkpointPosition(db)).isLessThan(last.globalPosition());

        relay.close();
        assertThat(EsDatabases.checkpointPosition(db)).as("a graceful stop writes the checkpoint it reached")
                .isEqualTo(last.globalPosition());
    }

    /** The transaction that last wrote the checkpoint row (every UPDATE writes a new row version). */
    private static long checkpointRowVersion(PostgresResource.Database db) {
        return EsDatabases.count(db, "select xmin::text::bigint from es_relay_checkpoint where relay = 'kafka'");
    }
}
