package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.PostgresResource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static ai.adoption.eventsourcing.support.EsDatabases.append;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Transaction-id gating: an event whose transaction commits late is never skipped, whatever its
 * global position. The topic has one partition so the publication order across streams is visible.
 */
class OutboxRelayLateCommitTest {

    private PostgresResource.Database db;
    private String prefix;
    private String topic;
    private OutboxRelay relay;
    private TopicReader reader;
    private Connection open;
    private Connection other;

    @BeforeEach
    void setUp() throws Exception {
        db = EsDatabases.migrated("es_late");
        prefix = KafkaTopics.uniquePrefix("late");
        topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 1);
        relay = KafkaTopics.relay(db, prefix, Duration.ofMillis(200), KafkaTopics.uniqueLockKey());
        reader = new TopicReader(topic);
        open = db.connect();
        open.setAutoCommit(false);
        other = db.connect();
    }

    @AfterEach
    void tearDown() {
        // never leave a transaction open: the relay gate (pg_snapshot_xmin) is server-wide
        EsDatabases.rollbackAndClose(open);
        EsDatabases.rollbackAndClose(other);
        EsDatabases.closeQuietly(relay);
        EsDatabases.closeQuietly(reader);
    }

    /**
     * A (lower position, lower transaction id) stays open while B (higher position) commits: B is
     * held back until A commits, then both go out, A first.
     */
    @Test
    void anOpenTransactionHoldsBackEventsCommittedAfterIt() throws Exception {
        RecordedEvent<String> a = append(open, "a-" + UUID.randomUUID(), 0, "{\"tx\":\"A\"}");
        RecordedEvent<String> b = append(other, "b-" + UUID.randomUUID(), 0, "{\"tx\":\"B\"}");
        assertThat(a.globalPosition()).isLessThan(b.globalPosition());

        relay.start();
        await().atMost(Duration.ofSeconds(10)).until(relay::isLeader);
        assertThat(reader.pollFor(Duration.ofMillis(1500)))
                .as("B is committed but must wait for the older, still open transaction A")
                .isEmpty();
        assertThat(EsDatabases.checkpointPosition(db)).isZero();

        open.commit();
        relay.wake();
        List<ConsumerRecord<String, byte[]>> records = reader.awaitIds(List.of(a.eventId(), b.eventId()), Duration.ofSeconds(15));
        reader.pollFor(Duration.ofMillis(500));
        assertThat(TopicReader.idList(reader.records()))
                .as("each event exactly once, in transaction order")
                .containsExactly(a.eventId().toString(), b.eventId().toString());
        assertThat(records.get(0).key()).isEqualTo(a.streamId());
    }

    /**
     * The case a position-based relay gets wrong: B took its transaction id first (an earlier write),
     * then A inserted (lower position, higher transaction id), then B inserted and committed. B is
     * published and the checkpoint moves past A's position while A is still open; when A commits
     * later it must still be published.
     */
    @Test
    void anEventWithALowerPositionCommittingAfterAHigherOneWasPublishedIsStillPublished() throws Exception {
        other.setAutoCommit(false);
        long xidB = EsDatabases.assignTransactionId(other);
        RecordedEvent<String> a = append(open, "a-" + UUID.randomUUID(), 0, "{\"tx\":\"A\"}");
        long xidA = EsDatabases.assignTransactionId(open);
        RecordedEvent<String> b = append(other, "b-" + UUID.randomUUID(), 0, "{\"tx\":\"B\"}");
        other.commit();
        assertThat(a.globalPosition()).isLessThan(b.globalPosition());
        assertThat(xidB).isLessThan(xidA);

        relay.start();
        reader.awaitIds(List.of(b.eventId()), Duration.ofSeconds(15));
        assertThat(TopicReader.idList(reader.records())).containsExactly(b.eventId().toString());
        await().atMost(Duration.ofSeconds(5)).until(() -> EsDatabases.checkpointPosition(db) == b.globalPosition());
        assertThat(EsDatabases.checkpointPosition(db))
                .as("the checkpoint is already past A's position while A is uncommitted")
                .isGreaterThan(a.globalPosition());
        assertThat(reader.pollFor(Duration.ofMillis(500))).hasSize(1);

        open.commit();
        relay.wake();
        reader.awaitIds(List.of(a.eventId(), b.eventId()), Duration.ofSeconds(15));
        reader.pollFor(Duration.ofMillis(500));
        assertThat(TopicReader.idList(reader.records()))
                .as("the late commit with the lower position is published, and nothing twice")
                .containsExactly(b.eventId().toString(), a.eventId().toString());
    }

    /** A rolled-back transaction holds the relay back only while it is open and publishes nothing. */
    @Test
    void aRolledBackTransactionIsNeverPublishedAndReleasesTheGate() throws Exception {
        RecordedEvent<String> rolledBack = append(open, "r-" + UUID.randomUUID(), 0, "{\"tx\":\"R\"}");
        RecordedEvent<String> b = append(other, "b-" + UUID.randomUUID(), 0, "{\"tx\":\"B\"}");
        relay.start();
        assertThat(reader.pollFor(Duration.ofMillis(800))).isEmpty();

        open.rollback();
        relay.wake();
        reader.awaitIds(List.of(b.eventId()), Duration.ofSeconds(15));
        reader.pollFor(Duration.ofMillis(500));
        assertThat(TopicReader.idList(reader.records()))
                .containsExactly(b.eventId().toString())
                .doesNotContain(rolledBack.eventId().toString());
    }
}
