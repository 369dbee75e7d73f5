package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.ReactivePoolHog;
import ai.adoption.eventsourcing.testapp.TestApp;
import ai.adoption.eventsourcing.testapp.TestEventConsumer;
import ai.adoption.testinfra.KafkaResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The shared consumer helper on SmallRye Reactive Messaging, against the real broker and database:
 * a duplicate changes nothing, poison goes to the dead-letter topic (key, headers and cause kept)
 * and the next record is processed, and a database outage is retried, never dead-lettered.
 */
@QuarkusTest
class SmallRyeConsumerTest {

    private static KafkaProducer<String, byte[]> producer;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Pool pool;

    @ConfigProperty(name = "quarkus.datasource.reactive.max-size")
    int poolSize;

    @BeforeAll
    static void producer() {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void close() {
        producer.close();
    }

    @Test
    void aDuplicateRecordChangesNothing() throws Exception {
        RecordedEvent<String> event = event(UUID.randomUUID().toString(), 1, "{\"n\":\"dup-" + UUID.randomUUID() + "\"}");
        send(CloudEvents.toRecord(TestApp.TEST_EVENTS_TOPIC, "urn:test", event));
        send(CloudEvents.toRecord(TestApp.TEST_EVENTS_TOPIC, "urn:test", event));
        // a later record on the same partition proves both copies were handled before we count
        RecordedEvent<String> marker = event(event.streamId(), 2, "{\"n\":\"marker-" + UUID.randomUUID() + "\"}");
        send(CloudEvents.toRecord(TestApp.TEST_EVENTS_TOPIC, "urn:test", marker));
        await().atMost(30, TimeUnit.SECONDS).until(() -> rows(marker.eventId()) == 1);
        assertThat(rows(event.eventId())).isEqualTo(1);
        assertThat(processedMarks(event.eventId())).isEqualTo(1);
    }

    @Test
    void aTypeTheHandlerDoesNotActOnIsAcknowledgedWithoutATransaction() throws Exception {
        String stream = UUID.randomUUID().toString();
        Instant now = Instant.now();
        RecordedEvent<String> ignored = new RecordedEvent<>(UUID.randomUUID(), "test", stream, 1, TestEventConsumer.IGNORED_TYPE, 1,
                "{\"n\":\"ignored-" + UUID.randomUUID() + "\"}", "tester", "corr-" + stream, null, now, now, 1);
        send(CloudEvents.toRecord(TestApp.TEST_EVENTS_TOPIC, "urn:test", ignored));
        // a later record on the same partition proves the ignored one was acknowledged before we count
        RecordedEvent<String> marker = event(stream, 2, "{\"n\":\"marker-" + UUID.randomUUID() + "\"}");
        send(CloudEvents.toRecord(TestApp.TEST_EVENTS_TOPIC, "urn:test", marker));
        await().atMost(30, TimeUnit.SECONDS).until(() -> rows(marker.eventId()) == 1);
        // no transaction ran for it: no processed mark (before: one per ignored record, in its own transaction)
        assertThat(processedMarks(ignored.eventId())).isZero();
        assertThat(processedMarks(marker.eventId())).isEqualTo(1);
    }

    @Test
    void poisonGoesToTheDeadLetterTopicAndTheNextRecordIsProcessed() throws Exception {
        String key = UUID.randomUUID().toString();
        // not a CloudEvent: no ce_id
        ProducerRecord<String, byte[]> malformed = new ProducerRecord<>(TestApp.TEST_EVENTS_TOPIC, key,
                ("{\"malformed\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8));
        malformed.headers().add("x-origin", "test".getBytes(StandardCharsets.UTF_8));
        send(malformed);
        // a CloudEvent whose handler always fails
        RecordedEvent<String> poison = event(key, 1, "{\"poison\":\"" + UUID.randomUUID() + "\"}");
        send(CloudEvents.toRecord(TestApp.TEST_EVENTS_TOPIC, "urn:test", poison));
        RecordedEvent<String> good = event(key, 2, "{\"good\":\"" + UUID.randomUUID() + "\"}");
        send(CloudEvents.toRecord(TestApp.TEST_EVENTS_TOPIC, "urn:test", good));

        await().atMost(60, TimeUnit.SECONDS).until(() -> rows(good.eventId()) == 1);
        assertThat(rows(poison.eventId())).isZero();
        List<ConsumerRecord<String, byte[]>> dead = deadLetters(key, 2);
        assertThat(dead).hasSize(2);
        ConsumerRecord<String, byte[]> first = dead.get(0);
        assertThat(first.key()).isEqualTo(key);
        assertThat(new String(first.value(), StandardCharsets.UTF_8)).contains(key);
        assertThat(header(first, "x-origin")).isEqualTo("test");
        assertThat(header(first, "dead-letter-reason")).contains("Malformed CloudEvent").contains("missing required attribute");
        assertThat(header(first, "dead-letter-topic")).isEqualTo(TestApp.TEST_EVENTS_TOPIC);
        ConsumerRecord<String, byte[]> second = dead.get(1);
        assertThat(header(second, "ce_id")).isEqualTo(poison.eventId().toString());
        assertThat(header(second, "dead-letter-reason")).contains(poison.eventId().toString()).contains("after 3 attempts");
        assertThat(header(second, "dead-letter-cause")).contains("cannot handle");
        assertThat(processedMarks(poison.eventId())).isZero();
    }

    @Test
    void aDatabaseOutageIsRetriedAndNothingIsDeadLettered() throws Exception {
        String key = UUID.randomUUID().toString();
        List<RecordedEvent<String>> sent = new ArrayList<>();
        try (ReactivePoolHog ignored = ReactivePoolHog.takeAll(pool, poolSize)) {
            for (int i = 1; i <= 5; i++) {
                RecordedEvent<String> event = event(key, i, "{\"outage\":" + i + ",\"run\":\"" + UUID.randomUUID() + "\"}");
                sent.add(event);
                send(CloudEvents.toRecord(TestApp.TEST_EVENTS_TOPIC, "urn:test", event));
            }
            // longer than the pool's acquisition timeout: the consumer has failed and is retrying
            Thread.sleep(7000);
            assertThat(rowsOfStream(key)).isEmpty();
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> rowsOfStream(key).size() == 5);
        // each once, in the order of the stream
        assertThat(rowsOfStream(key)).containsExactlyElementsOf(sent.stream().map(e -> e.eventId().toString()).toList());
        assertThat(deadLetters(key, 1)).isEmpty();
    }

    /**
     * Issue #4, item 9: a lock timeout (55P03, from the real server) is transient like a lost
     * connection: retried with backoff until the lock is gone, never dead-lettered.
     */
    @Test
    void aLockTimeoutIsRetriedNotDeadLettered() throws Exception {
        String key = UUID.randomUUID().toString();
        RecordedEvent<String> event = event(key, 1, "{\"locked\":\"" + UUID.randomUUID() + "\"}");
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (java.sql.Statement st = holder.createStatement()) {
                st.execute("lock table test_lock_target in access exclusive mode");
            }
            send(CloudEvents.toRecord(TestApp.TEST_EVENTS_TOPIC, "urn:test", event));
            // several 100 ms lock timeouts, longer than the attempts a poison record gets
            Thread.sleep(4000);
            assertThat(rows(event.eventId())).isZero();
            holder.rollback();
        }
        await().atMost(60, TimeUnit.SECONDS).until(() -> rows(event.eventId()) == 1);
        assertThat(deadLetters(key, 1)).isEmpty();
    }

    private static RecordedEvent<String> event(String streamId, long version, String json) {
        Instant now = Instant.now();
        return new RecordedEvent<>(UUID.randomUUID(), "test", streamId, version, "test.happened", 1, json, "tester",
                "corr-" + streamId, null, now, now, version);
    }

    private static void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    private List<ConsumerRecord<String, byte[]>> deadLetters(String key, int expected) {
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestApp.TEST_EVENTS_DLT));
            List<ConsumerRecord<String, byte[]>> mine = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(expected == 0 ? 3 : 20).toNanos();
            while (mine.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    if (key.equals(r.key())) {
                        mine.add(r);
                    }
                });
            }
            return mine;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private long rows(UUID eventId) throws Exception {
        return count("select count(*) from test_consumed_event where event_id = ?", eventId);
    }

    private long processedMarks(UUID eventId) throws Exception {
        return count("select count(*) from es_processed_event where event_id = ?", eventId);
    }

    private long count(String sql, UUID eventId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, eventId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private List<String> rowsOfStream(String streamId) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "select event_id from test_consumed_event where stream_id = ? order by seq")) {
            ps.setString(1, streamId);
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        }
    }
}
