package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.PostgresResource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With a 30 s poll, the active relay publishes a commit made elsewhere within about a second when it
 * is told by NOTIFY: from a standby relay's {@code wake()}, or from any session's {@code pg_notify}.
 */
class OutboxRelayNotifyTest {

    private static final Duration SLOW_POLL = Duration.ofSeconds(30);
    private static final Duration PROMPTLY = Duration.ofSeconds(3);

    private OutboxRelay leader;
    private OutboxRelay standby;
    private TopicReader reader;

    @AfterEach
    void tearDown() {
        EsDatabases.closeQuietly(reader);
        EsDatabases.closeQuietly(standby);
        EsDatabases.closeQuietly(leader);
    }

    @Test
    void aNotificationWakesTheActiveRelayLongBeforeItsPoll() {
        PostgresResource.Database db = EsDatabases.migrated("es_notify");
        String prefix = KafkaTopics.uniquePrefix("notify");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 3);
        long lockKey = KafkaTopics.uniqueLockKey();
        leader = KafkaTopics.relay(db, prefix, SLOW_POLL, lockKey);
        standby = KafkaTopics.relay(db, prefix, SLOW_POLL, lockKey);
        leader.start();
        // the leader has done its first (empty) round and now sleeps for the 30 s poll
        await().atMost(Duration.ofSeconds(10)).until(() -> leader.isLeader() && leader.unpublished() == 0);
        standby.start();
        // both listener sessions have issued LISTEN
        await().atMost(Duration.ofSeconds(10)).until(() -> EsDatabases.count(db,
                "select count(*) from pg_stat_activity where datname = current_database() and query = 'listen es_events'") == 2);
        assertThat(standby.isLeader()).isFalse();
        reader = new TopicReader(topic);

        // 1. no wake-up at all: the leader keeps sleeping
        RecordedEvent<String> unannounced = EsDatabases.appendCommitted(db, "n-" + UUID.randomUUID(), 0, "{\"n\":1}");
        assertThat(reader.pollFor(Duration.ofSeconds(2))).as("nothing wakes the leader yet").isEmpty();

        // 2. the standby instance's local commit signal is forwarded to the leader by NOTIFY
        RecordedEvent<String> viaStandby = EsDatabases.appendCommitted(db, "n-" + UUID.randomUUID(), 0, "{\"n\":2}");
        long start = System.nanoTime();
        standby.wake();
        reader.awaitIds(List.of(unannounced.eventId(), viaStandby.eventId()), PROMPTLY);
        assertThat(TopicReader.idsOf(reader.records()))
                .as("published within %s of the standby's wake-up", PROMPTLY)
                .contains(unannounced.eventId().toString(), viaStandby.eventId().toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(standby.isLeader()).isFalse();

        // 3. a plain pg_notify from any session does the same
        RecordedEvent<String> viaNotify = EsDatabases.appendCommitted(db, "n-" + UUID.randomUUID(), 0, "{\"n\":3}");
        start = System.nanoTime();
        EsDatabases.execute(db, "select pg_notify('es_events', '')");
        reader.awaitIds(List.of(viaNotify.eventId()), PROMPTLY);
        assertThat(TopicReader.idsOf(reader.records())).contains(viaNotify.eventId().toString());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMPTLY);
        assertThat(TopicReader.idList(reader.pollFor(Duration.ofMillis(300)))).hasSize(3);
    }
}
