package ai.adoption.eventsourcing.tracing;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.testapp.CollectedSpans;
import ai.adoption.eventsourcing.testapp.TestApp;
import ai.adoption.eventsourcing.testapp.TestEventConsumer;
import ai.adoption.eventsourcing.web.TraceIdHeader;
import ai.adoption.testinfra.KafkaResource;

import io.agroal.api.AgroalDataSource;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One trace from a request through the event store and the outbox relay to Kafka, on the real database and
 * broker: the request continues the caller's {@code traceparent}, answers its trace id as {@code X-Trace-Id}
 * (problems too), the appended event keeps the span it was appended in, and the relay publishes it under a
 * PRODUCER span whose parent is that stored span, writing the producer span into {@code traceparent} and
 * {@code ce_traceparent}. A consumer continues a record's {@code traceparent} in its handling span.
 */
@QuarkusTest
@TestProfile(TracePropagationTest.Exporting.class)
class TracePropagationTest {

    /** Spans recorded and handed to {@link CollectedSpans} at once. */
    public static final class Exporting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eventsourcing.tracing.export", "true", "quarkus.otel.bsp.schedule.delay", "50ms");
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void theEventKeepsTheRequestsContextAndTheRelayPublishesItUnderAProducerSpan() throws Exception {
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);
        Response created = TestApp.employee("tracer").header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .body(Map.of("title", "Traced " + UUID.randomUUID(), "text", "follow me"))
                .post("/notes");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.header(TraceIdHeader.HEADER)).as("the caller's trace, continued").isEqualTo(traceId);
        String noteId = created.path("id");

        String[] stored = storedContext(noteId);
        assertThat(stored[0]).as("the stored traceparent").matches("00-" + traceId + "-[0-9a-f]{16}-01");
        String appendedIn = stored[0].split("-")[2];
        assertThat(appendedIn).isNotEqualTo(callerSpan);

        ConsumerRecord<String, byte[]> record;
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestApp.topic("note")));
            record = awaitKey(consumer, noteId, Duration.ofSeconds(120));
        }
        assertThat(record).as("the note's event on Kafka").isNotNull();
        String traceparent = CloudEvents.header(record.headers(), "traceparent").orElseThrow();
        assertThat(CloudEvents.header(record.headers(), CloudEvents.TRACEPARENT)).contains(traceparent);
        assertThat(traceparent).matches("00-" + traceId + "-[0-9a-f]{16}-01");
        String producerSpan = traceparent.split("-")[2];
        assertThat(producerSpan).isNotEqualTo(appendedIn);

        SpanData producer = awaitSpan(s -> s.getSpanId().equals(producerSpan));
        assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(producer.getTraceId()).isEqualTo(traceId);
        assertThat(producer.getParentSpanId()).as("the producer span's parent is the stored context").isEqualTo(appendedIn);
        assertThat(producer.getName()).isEqualTo("send " + TestApp.topic("note"));
        SpanData server = awaitSpan(s -> s.getSpanId().equals(appendedIn));
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getParentSpanId()).isEqualTo(callerSpan);
    }

    @Test
    void problemResponsesCarryTheTraceIdToo() {
        String traceId = randomHex(16);
        Response invalid = TestApp.employee("tracer").header("traceparent", "00-" + traceId + "-" + randomHex(8) + "-01")
                .body("{\"title\": 12}").post("/notes");
        assertThat(invalid.statusCode()).isEqualTo(400);
        assertThat(invalid.contentType()).startsWith("application/problem+json");
        assertThat(invalid.header(TraceIdHeader.HEADER)).isEqualTo(traceId);

        Response noRoute = TestApp.employee("tracer").get("/no-such-route-" + UUID.randomUUID());
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(noRoute.header(TraceIdHeader.HEADER)).as("a new trace's id").matches("[0-9a-f]{32}");

        Response unauthenticated = io.restassured.RestAssured.given().get("/notes/" + UUID.randomUUID());
        assertThat(unauthenticated.header(TraceIdHeader.HEADER)).matches("[0-9a-f]{32}");
    }

    @Test
    void aConsumerHandlesTheEventInTheRecordsTrace() throws Exception {
        String traceId = randomHex(16);
        String producerSpan = randomHex(8);
        UUID eventId = UUID.randomUUID();
        ProducerRecord<String, byte[]> record = CloudEvents.toRecord(TestApp.TEST_EVENTS_TOPIC, "urn:test",
                new ai.adoption.eventsourcing.store.RecordedEvent<>(eventId, "note", UUID.randomUUID().toString(), 1,
                        "note.traced", 1, "{\"traced\":true}", "tester", null, null, Instant.now(), Instant.now(), 1));
        record.headers().add("traceparent", ("00-" + traceId + "-" + producerSpan + "-01").getBytes());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get(30, TimeUnit.SECONDS);
        }
        SpanData handling = awaitSpan(s -> s.getName().startsWith("handle ")
                && eventId.toString().equals(s.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey(
                "cloudevents.event_id"))));
        assertThat(handling.getName()).isEqualTo("handle " + CloudEvents.header(record.headers(), CloudEvents.TYPE).orElseThrow());
        assertThat(handling.getTraceId()).isEqualTo(traceId);
        // SmallRye's CONSUMER span continues the record's traceparent; the handling span is its child
        SpanData received = awaitSpan(s -> s.getKind() == SpanKind.CONSUMER && s.getParentSpanId().equals(producerSpan));
        assertThat(received.getTraceId()).isEqualTo(traceId);
        assertThat(handling.getParentSpanId()).isEqualTo(received.getSpanId());
        assertThat(handling.getAttributes().get(io.opentelemetry.api.common.AttributeKey.stringKey("eventsourcing.consumer")))
                .isEqualTo(TestEventConsumer.NAME);
    }

    @Test
    void anIdleRelayCreatesNoSpans() throws Exception {
        String relayScope = "ai.adoption.eventsourcing.relay";
        Predicate<SpanData> relaySpan = s -> s.getInstrumentationScopeInfo().getName().equals(relayScope);
        // settled: whatever an earlier test published has been exported
        long before = CollectedSpans.finished().stream().filter(relaySpan).count();
        for (int stable = 0; stable < 10; ) {
            Thread.sleep(100);
            long now = CollectedSpans.finished().stream().filter(relaySpan).count();
            stable = now == before ? stable + 1 : 0;
            before = now;
        }
        // a dozen fallback polls (every 500 ms in the test application), nothing to publish
        Thread.sleep(6_000);
        assertThat(CollectedSpans.finished().stream().filter(relaySpan).count()).isEqualTo(before);
    }

    private String[] storedContext(String streamId) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select traceparent, tracestate from es_event where stream_id = ?")) {
            ps.setString(1, streamId);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                return new String[]{rs.getString(1), rs.getString(2)};
            }
        }
    }

    private static SpanData awaitSpan(Predicate<SpanData> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SpanData> found = CollectedSpans.finished().stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no such span among " + CollectedSpans.finished().size() + " exported");
    }

    private static ConsumerRecord<String, byte[]> awaitKey(KafkaConsumer<String, byte[]> consumer, String key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (key.equals(record.key())) {
                    return record;
                }
            }
        }
        return null;
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        random[0] |= 1; // never all zeros (invalid)
        return HexFormat.of().formatHex(random);
    }
}
