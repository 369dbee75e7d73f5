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
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A record Kafka rejects for good (larger than the topic's max.message.bytes) is parked: the rest of
 * its stream waits behind it, other streams keep flowing, the relay keeps going; an operator's
 * release publishes the waiting events in order.
 */
class OutboxRelayPoisonRecordTest {

    private static final int TOPIC_MAX_BYTES = 20_000;

    private OutboxRelay relay;
    private TopicReader reader;

    @AfterEach
    void tearDown() {
        EsDatabases.closeQuietly(reader);
        EsDatabases.closeQuietly(relay);
    }

    @Test
    void aRecordKafkaRejectsForGoodIsParkedItsStreamWaitsOtherStreamsFlowAndAReleasePublishesTheRest() throws Exception {
        PostgresResource.Database db = EsDatabases.migrated("es_poison");
        String prefix = KafkaTopics.uniquePrefix("poison");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 3,
                Map.of("max.message.bytes", Integer.toString(TOPIC_MAX_BYTES)));
        String poisoned = "p-" + UUID.randomUUID();
        String healthy = "h-" + UUID.randomUUID();
        RecordedEvent<String> p1;
        RecordedEvent<String> p2;
        RecordedEvent<String> p3;
        RecordedEvent<String> h1;
        RecordedEvent<String> h2;
        try (Connection c = db.connect()) {
            p1 = EsDatabases.append(c, poisoned, 0, "{\"v\":1}");
            h1 = EsDatabases.append(c, healthy, 0, "{\"v\":1}");
            p2 = EsDatabases.append(c, poisoned, 1, "{\"v\":2,\"blob\":\"" + "x".repeat(3 * TOPIC_MAX_BYTES) + "\"}");
            p3 = EsDatabases.append(c, poisoned, 2, "{\"v\":3}");
            h2 = EsDatabases.append(c, healthy, 1, "{\"v\":2}");
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        relay = KafkaTopics.relay(db, prefix, Duration.ofMillis(200), KafkaTopics.uniqueLockKey(), meters);
        relay.start();
        reader = new TopicReader(topic);

        reader.awaitIds(List.of(p1.eventId(), h1.eventId(), h2.eventId()), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.parked() == 1 && relay.held() == 1);
        assertThat(EsDatabases.count(db, "select count(*) from es_relay_parked where poison and event_id = ?"
                + " and reason like '%RecordTooLarge%'", p2.eventId())).isEqualTo(1);
        assertThat(EsDatabases.count(db, "select count(*) from es_relay_parked where not poison and event_id = ?", p3.eventId()))
                .as("the next version waits behind the poison record").isEqualTo(1);
        assertThat(KafkaTopics.gauge(meters, "eventsourcing.relay.parked")).isEqualTo(1.0);
        assertThat(KafkaTopics.gauge(meters, "eventsourcing.relay.held")).isEqualTo(1.0);

        // the relay keeps going: the healthy stream flows, the poisoned one waits
        RecordedEvent<String> h3 = EsDatabases.appendCommitted(db, healthy, 2, "{\"v\":3}");
        RecordedEvent<String> p4 = EsDatabases.appendCommitted(db, poisoned, 3, "{\"v\":4}");
        relay.wake();
        reader.awaitIds(List.of(h3.eventId()), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.held() == 2);
        reader.pollFor(Duration.ofSeconds(1));
        assertThat(TopicReader.sequencesByKey(reader.records()))
                .as("nothing of the poisoned stream after the poison record")
                .containsEntry(poisoned, List.of(1L)).containsEntry(healthy, List.of(1L, 2L, 3L));
        assertThat(relay.isLive()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> relay.unpublished() == 0);

        // an operator releases the stream, dropping the poison record
        EsDatabases.execute(db, "update es_relay_parked set release = 'skip' where event_id = '" + p2.eventId() + "'");
        relay.wake();
        reader.awaitIds(List.of(p3.eventId(), p4.eventId()), Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(30)).until(() -> relay.parked() == 0 && relay.held() == 0);
        assertThat(EsDatabases.count(db, "select count(*) from es_relay_parked")).isZero();

        // and the stream flows again
        RecordedEvent<String> p5 = EsDatabases.appendCommitted(db, poisoned, 4, "{\"v\":5}");
        relay.wake();
        reader.awaitIds(List.of(p5.eventId()), Duration.ofSeconds(30));
        reader.pollFor(Duration.ofSeconds(1));
        assertThat(TopicReader.sequencesByKey(reader.records()).get(poisoned)).containsExactly(1L, 3L, 4L, 5L);
        assertThat(TopicReader.idsOf(reader.records())).doesNotContain(p2.eventId().toString());
    }
}
