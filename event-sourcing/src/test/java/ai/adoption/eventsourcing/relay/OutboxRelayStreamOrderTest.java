package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.PostgresResource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static ai.adoption.eventsourcing.support.EsDatabases.append;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stream order when transaction-id order and stream order disagree. A transaction that took its
 * transaction id early (an earlier append to another aggregate in the same unit of work, or the
 * idempotent consumer's processed-event mark) and only then read and appended to a stream, gets
 * version v+1 with a LOWER transaction id than the transaction that wrote version v. Ordering by
 * (transaction id, position) alone would publish v+1 before v.
 */
class OutboxRelayStreamOrderTest {

    private PostgresResource.Database db;
    private String topic;
    private OutboxRelay relay;
    private TopicReader reader;
    private Connection early;
    private Connection blocker;

    @BeforeEach
    void setUp() throws Exception {
        db = EsDatabases.migrated("es_order");
        String prefix = KafkaTopics.uniquePrefix("order");
        topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 3);
        relay = KafkaTopics.relay(db, prefix, Duration.ofMillis(200), KafkaTopics.uniqueLockKey());
        reader = new TopicReader(topic);
        early = db.connect();
        early.setAutoCommit(false);
        blocker = db.connect();
        blocker.setAutoCommit(false);
    }

    @AfterEach
    void tearDown() {
        EsDatabases.rollbackAndClose(early);
        EsDatabases.rollbackAndClose(blocker);
        EsDatabases.closeQuietly(relay);
        EsDatabases.closeQuietly(reader);
    }

    @Test
    void versionsOfOneStreamArePublishedInVersionOrderEvenWhenTheirTransactionIdsAreInverted() throws Exception {
        String stream = "s-" + UUID.randomUUID();
        long earlyXid = EsDatabases.assignTransactionId(early);
        RecordedEvent<String> v1 = EsDatabases.appendCommitted(db, stream, 0, "{\"v\":1}");
        RecordedEvent<String> v2 = append(early, stream, 1, "{\"v\":2}");
        long v1Xid = xidOf(v1);
        early.commit();
        assertThat(earlyXid).as("v2's transaction id").isLessThan(v1Xid);

        relay.start();
        reader.awaitIds(List.of(v1.eventId(), v2.eventId()), Duration.ofSeconds(15));
        reader.pollFor(Duration.ofMillis(500));
        assertThat(TopicReader.sequencesByKey(reader.records())).isEqualTo(Map.of(stream, List.of(1L, 2L)));
    }

    /**
     * The same inversion across the gate: a third, still open transaction whose id lies between
     * the two lets v2 through but holds v1 back. v1 is committed, so it must go out before v2, and
     * must not go out again when the gate finally passes it.
     */
    @Test
    void aCommittedPredecessorHeldBackByTheGateGoesOutFirstAndOnlyOnce() throws Exception {
        String stream = "s-" + UUID.randomUUID();
        String unrelated = "u-" + UUID.randomUUID();
        EsDatabases.assignTransactionId(early);
        RecordedEvent<String> u1 = append(blocker, unrelated, 0, "{\"u\":1}");
        RecordedEvent<String> v1 = EsDatabases.appendCommitted(db, stream, 0, "{\"v\":1}");
        RecordedEvent<String> v2 = append(early, stream, 1, "{\"v\":2}");
        early.commit();

        relay.start();
        reader.awaitIds(List.of(v1.eventId(), v2.eventId()), Duration.ofSeconds(15));
        reader.pollFor(Duration.ofMillis(500));
        assertThat(TopicReader.sequencesByKey(reader.records())).isEqualTo(Map.of(stream, List.of(1L, 2L)));

        blocker.commit();
        relay.wake();
        reader.awaitIds(List.of(u1.eventId()), Duration.ofSeconds(15));
        reader.pollFor(Duration.ofMillis(800));
        assertThat(TopicReader.idList(reader.records()))
                .as("every event exactly once")
                .containsExactlyInAnyOrder(v1.eventId().toString(), v2.eventId().toString(), u1.eventId().toString());
        assertThat(TopicReader.sequencesByKey(reader.records()).get(stream)).containsExactly(1L, 2L);
    }

    private long xidOf(RecordedEvent<String> event) {
        return EsDatabases.count(db, "select transaction_id::text::bigint from es_event where event_id = ?", event.eventId());
    }
}
