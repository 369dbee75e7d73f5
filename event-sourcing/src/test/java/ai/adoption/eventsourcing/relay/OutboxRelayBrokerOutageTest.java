package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker goes away while events are appended; once it is back every event arrives exactly once, in order. */
class OutboxRelayBrokerOutageTest {

    private static final int STREAMS = 5;
    private static final int EVENTS_PER_STREAM = 6;

    private OutboxRelay relay;
    private TopicReader reader;

    @AfterEach
    void tearDown() {
        KafkaResource.startBroker(); // no-op if running; later tests need it
        EsDatabases.closeQuietly(reader);
        EsDatabases.closeQuietly(relay);
    }

    @Test
    void eventsAppendedWhileTheBrokerIsDownArriveExactlyOnceInStreamOrderAfterItReturns() throws Exception {
        PostgresResource.Database db = EsDatabases.migrated("es_outage");
        String prefix = KafkaTopics.uniquePrefix("outage");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 3);
        relay = KafkaTopics.relay(db, prefix, Duration.ofMillis(200), KafkaTopics.uniqueLockKey());
        relay.start();

        // warm up: the relay's producer is connected and has published once
        RecordedEvent<String> warmUp = EsDatabases.appendCommitted(db, "warm-" + UUID.randomUUID(), 0, "{}");
        relay.wake();
        reader = new TopicReader(topic);
        reader.awaitIds(List.of(warmUp.eventId()), Duration.ofSeconds(15));
        reader.close();
        reader = null;

        KafkaResource.stopBroker();
        assertThat(KafkaResource.isBrokerRunning()).isFalse();

        Map<UUID, RecordedEvent<String>> appended = new LinkedHashMap<>();
        List<String> streams = new ArrayList<>();
        for (int s = 0; s < STREAMS; s++) {
            streams.add("out-" + s + "-" + UUID.randomUUID().toString().substring(0, 8));
        }
        try (Connection connection = db.connect()) {
            for (int version = 0; version < EVENTS_PER_STREAM; version++) {
                for (String stream : streams) {
                    RecordedEvent<String> e = EsDatabases.append(connection, stream, version, "{\"v\":" + (version + 1) + "}");
                    appended.put(e.eventId(), e);
                    relay.wake();
                }
            }
        }
        Thread.sleep(3000);
        assertThat(EsDatabases.checkpointPosition(db))
                .as("nothing appended during the outage counts as published")
                .isEqualTo(warmUp.globalPosition());
        assertThat(relay.isRunning()).isTrue();

        KafkaResource.startBroker();

        reader = new TopicReader(topic);
        reader.awaitIds(appended.keySet(), Duration.ofSeconds(60));
        List<ConsumerRecord<String, byte[]>> records = reader.pollFor(Duration.ofSeconds(1));
        List<String> expected = new ArrayList<>();
        expected.add(warmUp.eventId().toString());
        appended.keySet().forEach(id -> expected.add(id.toString()));
        assertThat(TopicReader.idList(records)).as("every event exactly once").containsExactlyInAnyOrderElementsOf(expected);

        List<Long> inOrder = LongStream.rangeClosed(1, EVENTS_PER_STREAM).boxed().toList();
        Map<String, List<Long>> sequences = TopicReader.sequencesByKey(records);
        for (String stream : streams) {
            assertThat(sequences.get(stream)).as("stream %s", stream).isEqualTo(inOrder);
        }
        long last = appended.values().stream().mapToLong(RecordedEvent::globalPosition).max().orElseThrow();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> EsDatabases.checkpointPosition(db) == last);
    }
}
