package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.PostgresResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An unrelated write transaction, in another database of the same server, holds the relay's xmin gate:
 * the relay notices committed events waiting behind it, reports how old the gating transaction is, and
 * publishes soon after it ends, although nothing wakes it and its poll interval is 10 s.
 */
class OutboxRelayXminGateTest {

    private static final Duration LONG_POLL = Duration.ofSeconds(10);

    private OutboxRelay relay;
    private TopicReader reader;
    private Connection blocker;

    @AfterEach
    void tearDown() {
        EsDatabases.rollbackAndClose(blocker);
        EsDatabases.closeQuietly(reader);
        EsDatabases.closeQuietly(relay);
    }

    @Test
    void anEventHeldBackByAnUnrelatedOpenTransactionIsPublishedSoonAfterItEnds() throws Exception {
        RecordedEvent<String> gated = gatedEvent(new SimpleMeterRegistry());
        blocker.commit();
        long committed = System.nanoTime();
        reader.awaitIds(List.of(gated.eventId()), Duration.ofSeconds(30));
        Duration afterCommit = Duration.ofNanos(System.nanoTime() - committed);
        assertThat(TopicReader.idsOf(reader.records())).contains(gated.eventId().toString());
        assertThat(afterCommit).as("published soon after the gate lifted, not at the next %s poll", LONG_POLL)
                .isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void theAgeOfTheOpenTransactionGatingTheRelayIsAGauge() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        RecordedEvent<String> gated = gatedEvent(meters);
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.xminGateAge().toMillis() >= 1000);
        assertThat(KafkaTopics.gauge(meters, "eventsourcing.relay.xmin.gate.age")).isGreaterThanOrEqualTo(1.0);
        blocker.commit();
        reader.awaitIds(List.of(gated.eventId()), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.xminGateAge().isZero());
        assertThat(KafkaTopics.gauge(meters, "eventsourcing.relay.xmin.gate.age")).isZero();
    }

    /** A relay with a 10 s poll that has published once, and an event committed behind an open unrelated write. */
    private RecordedEvent<String> gatedEvent(SimpleMeterRegistry meters) throws Exception {
        PostgresResource.Database db = EsDatabases.migrated("es_xmin");
        PostgresResource.Database other = PostgresResource.newDatabase("es_xmin_other");
        EsDatabases.execute(other, "create table unrelated (n int)");
        String prefix = KafkaTopics.uniquePrefix("xmin");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 1);
        relay = KafkaTopics.relay(db, prefix, LONG_POLL, KafkaTopics.uniqueLockKey(), meters);
        relay.start();
        reader = new TopicReader(topic);
        RecordedEvent<String> warmUp = EsDatabases.appendCommitted(db, "x-" + UUID.randomUUID(), 0, "{}");
        relay.wake();
        reader.awaitIds(List.of(warmUp.eventId()), Duration.ofSeconds(30));
        assertThat(relay.xminGateAge()).isZero();

        blocker = other.connect();
        blocker.setAutoCommit(false);
        try (Statement st = blocker.createStatement()) {
            st.executeUpdate("insert into unrelated values (1)");
        }
        RecordedEvent<String> gated = EsDatabases.appendCommitted(db, "x-" + UUID.randomUUID(), 0, "{}");
        relay.wake();
        assertThat(reader.pollFor(Duration.ofSeconds(2))).as("held back by the open transaction").hasSize(1);
        return gated;
    }
}
