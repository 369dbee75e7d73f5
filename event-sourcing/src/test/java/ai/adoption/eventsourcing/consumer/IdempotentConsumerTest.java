package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.PostgresResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The idempotent consumer against a real broker and a real database: duplicates are skipped, poison goes to the DLT. */
class IdempotentConsumerTest {

    private PostgresResource.Database db;
    private String name;
    private String topic;
    private String deadLetterTopic;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicInteger poisonAttempts = new AtomicInteger();
    private final ConcurrentHashMap<UUID, AtomicInteger> handled = new ConcurrentHashMap<>();
    private KafkaProducer<String, byte[]> producer;
    private IdempotentConsumer consumer;

    @BeforeEach
    void setUp() {
        db = EsDatabases.migrated("es_consumer");
        EsDatabases.execute(db, "create table handled (event_id uuid not null, subject text not null, data jsonb not null)");
        String prefix = KafkaTopics.uniquePrefix("consumer");
        name = prefix + "-projection";
        topic = KafkaTopics.create(prefix + ".widget", 1);
        deadLetterTopic = KafkaTopics.create(prefix + ".widget.dlt", 1);
        producer = KafkaTopics.newBytesProducer();
        consumer = new IdempotentConsumer(
                new IdempotentConsumer.Settings(name, List.of(topic), deadLetterTopic, 3, Duration.ofMillis(200)),
                KafkaTopics.clientConfig(), TransactionRunner.jdbc(db.dataSource()), this::handle, meters);
    }

    @AfterEach
    void tearDown() {
        EsDatabases.closeQuietly(consumer);
        EsDatabases.closeQuietly(producer);
    }

    private void handle(Connection connection, IncomingEvent event) throws Exception {
        handled.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
        if (event.data().contains("poison")) {
            poisonAttempts.incrementAndGet();
            throw new IllegalStateException("cannot handle " + event.subject());
        }
        try (PreparedStatement ps = connection.prepareStatement("insert into handled (event_id, subject, data) values (?, ?, ?::jsonb)")) {
            ps.setObject(1, event.id());
            ps.setString(2, event.subject());
            ps.setString(3, event.data());
            ps.executeUpdate();
        }
    }

    @Test
    void theSameEventDeliveredTwiceIsHandledOnce() throws Exception {
        RecordedEvent<String> event = event("dup-" + UUID.randomUUID(), 1, "{\"n\":1}");
        RecordedEvent<String> next = event(event.streamId(), 2, "{\"n\":2}");
        send(CloudEvents.toRecord(topic, "urn:test", event));
        send(CloudEvents.toRecord(topic, "urn:test", event)); // a redelivery: same ce_id
        send(CloudEvents.toRecord(topic, "urn:test", next));
        consumer.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> rows("select count(*) from handled where event_id = ?", next.eventId()) == 1);
        assertThat(rows("select count(*) from handled where event_id = ?", event.eventId())).isEqualTo(1);
        assertThat(rows("select count(*) from handled")).isEqualTo(2);
        assertThat(rows("select count(*) from es_processed_event where consumer = ? and event_id = ?", name, event.eventId())).isEqualTo(1);
        assertThat(rows("select count(*) from es_processed_event where consumer = ?", name)).isEqualTo(2);
        assertThat(handled.get(event.eventId())).as("the handler never even ran for the duplicate").hasValue(1);
        assertThat(meters.counter("eventsourcing.consumer.duplicates", "consumer", name).count()).isEqualTo(1.0);
        assertThat(meters.counter("eventsourcing.consumer.processed", "consumer", name).count()).isEqualTo(2.0);
        assertThat(meters.counter("eventsourcing.consumer.dead-lettered", "consumer", name).count()).isZero();

        // the same event again later, after its offset was committed, is still recognised
        send(CloudEvents.toRecord(topic, "urn:test", event));
        await().atMost(Duration.ofSeconds(15))
                .until(() -> meters.counter("eventsourcing.consumer.duplicates", "consumer", name).count() == 2.0);
        assertThat(rows("select count(*) from handled")).isEqualTo(2);
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheNextGoodRecordIsStillProcessed() throws Exception {
        String stream = "p-" + UUID.randomUUID();
        RecordedEvent<String> noId = event(stream, 1, "{\"n\":1}");
        ProducerRecord<String, byte[]> missingId = CloudEvents.toRecord(topic, "urn:test", noId);
        missingId.headers().remove(CloudEvents.ID);
        RecordedEvent<String> poison = event(stream, 2, "{\"poison\":true}");
        RecordedEvent<String> good = event(stream, 3, "{\"n\":3}");
        send(missingId);
        send(CloudEvents.toRecord(topic, "urn:test", poison));
        send(CloudEvents.toRecord(topic, "urn:test", good));
        consumer.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> rows("select count(*) from handled where event_id = ?", good.eventId()) == 1);
        assertThat(rows("select count(*) from handled")).isEqualTo(1);
        assertThat(rows("select count(*) from es_processed_event where consumer = ?", name))
                .as("a failed handler's processed mark is rolled back with it").isEqualTo(1);
        assertThat(poisonAttempts).as("tried maxAttempts times").hasValue(3);
        assertThat(handled).doesNotContainKey(noId.eventId());

        try (TopicReader dlt = new TopicReader(deadLetterTopic)) {
            List<ConsumerRecord<String, byte[]>> dead = dlt.pollUntil(r -> r.size() >= 2, Duration.ofSeconds(15));
            dlt.pollFor(Duration.ofMillis(300));
            assertThat(dlt.records()).hasSize(2);
            ConsumerRecord<String, byte[]> malformed = dead.get(0);
            assertThat(TopicReader.header(malformed, IdempotentConsumer.DLT_REASON)).contains("missing required attribute ce_id");
            assertThat(TopicReader.header(malformed, IdempotentConsumer.DLT_TOPIC)).isEqualTo(topic);
            assertThat(TopicReader.header(malformed, IdempotentConsumer.DLT_OFFSET)).isEqualTo("0");
            assertThat(malformed.key()).isEqualTo(stream);
            assertThat(new String(malformed.value())).isEqualTo(noId.payload());

            ConsumerRecord<String, byte[]> failed = dead.get(1);
            assertThat(TopicReader.header(failed, IdempotentConsumer.DLT_REASON))
                    .isEqualTo("IllegalStateException: cannot handle " + stream);
            assertThat(TopicReader.header(failed, CloudEvents.ID)).as("original headers kept").isEqualTo(poison.eventId().toString());
            assertThat(TopicReader.header(failed, IdempotentConsumer.DLT_OFFSET)).isEqualTo("1");
        }
        assertThat(meters.counter("eventsourcing.consumer.dead-lettered", "consumer", name).count()).isEqualTo(2.0);
        assertThat(meters.counter("eventsourcing.consumer.processed", "consumer", name).count()).isEqualTo(1.0);
    }

    private void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(record).get();
    }

    private long rows(String sql, Object... args) {
        return EsDatabases.count(db, sql, args);
    }

    private static RecordedEvent<String> event(String streamId, long version, String payload) {
        Instant now = Instant.now();
        return new RecordedEvent<>(UUID.randomUUID(), "widget", streamId, version, "widget.changed", 1, payload,
                "tester", "corr-" + streamId, null, now, now, version);
    }
}
