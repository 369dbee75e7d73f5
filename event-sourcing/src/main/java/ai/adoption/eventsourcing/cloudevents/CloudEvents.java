package ai.adoption.eventsourcing.cloudevents;

import ai.adoption.eventsourcing.store.RecordedEvent;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The CloudEvents 1.0 Kafka protocol binding in binary content mode: attributes travel as
 * {@code ce_*} headers, the JSON payload is the record value and the aggregate id is the key, so
 * one stream's events stay in order on one partition.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";
    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String SPECVERSION = "ce_specversion";
    public static final String TYPE = "ce_type";
    public static final String SUBJECT = "ce_subject";
    public static final String TIME = "ce_time";
    /** Extension: the conversation the event belongs to. */
    public static final String CORRELATION_ID = "ce_correlationid";
    /** Extension: the command or event that caused this event. */
    public static final String CAUSATION_ID = "ce_causationid";
    /**
     * Extension {@code sequence} (CloudEvents sequence extension): the version of the event within its
     * stream, zero-padded to {@value #SEQUENCE_DIGITS} digits ({@code 0000000000000000001},
     * {@code 0000000000000000002} ...), because the extension's values must compare
     * lexicographically: unpadded, "10" would sort before "9". Every non-negative long fits.
     */
    public static final String SEQUENCE = "ce_sequence";
    /** Width of the {@code sequence} value. */
    public static final int SEQUENCE_DIGITS = 19;
    /**
     * Distributed-tracing extension ({@code traceparent}, W3C Trace Context): the relay's PRODUCER span
     * for this record, whose parent is the span the event was appended in. The relay writes the same
     * value as the plain {@code traceparent} header, which OpenTelemetry consumers continue.
     */
    public static final String TRACEPARENT = "ce_traceparent";
    /** Distributed-tracing extension {@code tracestate}: vendor trace state, only when there is some. */
    public static final String TRACESTATE = "ce_tracestate";
    /** Extension: when the event store recorded the event (commit-side time, used to measure relay lag). */
    public static final String RECORDED_TIME = "ce_recordedtime";

    private CloudEvents() {
    }

    /** The Kafka record for a stored event. */
    public static ProducerRecord<String, byte[]> toRecord(String topic, String source, RecordedEvent<String> event) {
        Headers headers = new RecordHeaders();
        put(headers, SPECVERSION, SPEC_VERSION);
        put(headers, ID, event.eventId().toString());
        put(headers, SOURCE, source);
        put(headers, TYPE, event.cloudEventType());
        put(headers, SUBJECT, event.streamId());
        put(headers, TIME, event.occurredAt().toString());
        put(headers, CONTENT_TYPE, JSON);
        put(headers, SEQUENCE, sequence(event.streamVersion()));
        put(headers, RECORDED_TIME, event.recordedAt().toString());
        if (event.correlationId() != null) {
            put(headers, CORRELATION_ID, event.correlationId());
        }
        if (event.causationId() != null) {
            put(headers, CAUSATION_ID, event.causationId());
        }
        return new ProducerRecord<>(topic, null, event.streamId(), event.payload().getBytes(StandardCharsets.UTF_8), headers);
    }

    /**
     * Reads a consumed record as a CloudEvent. Throws {@link MalformedCloudEvent} when a required
     * attribute is missing or unreadable: such a record is poison and goes to the dead-letter topic.
     */
    public static IncomingEvent fromRecord(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String specVersion = required(headers, SPECVERSION);
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new MalformedCloudEvent("unsupported specversion " + specVersion);
        }
        String id = required(headers, ID);
        java.util.UUID eventId;
        try {
            eventId = java.util.UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new MalformedCloudEvent("ce_id is not a UUID: " + id);
        }
        Instant time = null;
        Optional<String> timeHeader = header(headers, TIME);
        if (timeHeader.isPresent()) {
            try {
                time = Instant.parse(timeHeader.get());
            } catch (DateTimeParseException e) {
                throw new MalformedCloudEvent("ce_time is not RFC 3339: " + timeHeader.get());
            }
        }
        if (record.value() == null) {
            throw new MalformedCloudEvent("record has no data");
        }
        return new IncomingEvent(eventId, required(headers, SOURCE), required(headers, TYPE),
                header(headers, SUBJECT).orElse(record.key()), time,
                header(headers, CORRELATION_ID).orElse(null), new String(record.value(), StandardCharsets.UTF_8),
                record.topic(), record.partition(), record.offset());
    }

    /** The {@code sequence} value of a stream version: zero-padded so that it sorts lexicographically. */
    public static String sequence(long streamVersion) {
        if (streamVersion < 0) {
            throw new IllegalArgumentException("stream version must not be negative: " + streamVersion);
        }
        String digits = Long.toString(streamVersion);
        return "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits;
    }

    /**
     * The stream version a record's {@code ce_sequence} carries, if it has one. Reads padded values and
     * the unpadded ones published before the padding alike; throws {@link MalformedCloudEvent} when the
     * value is not a non-negative number.
     */
    public static OptionalLong streamVersion(Headers headers) {
        Optional<String> value = header(headers, SEQUENCE);
        if (value.isEmpty()) {
            return OptionalLong.empty();
        }
        String text = value.get();
        if (text.isEmpty() || text.length() > SEQUENCE_DIGITS || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new MalformedCloudEvent("ce_sequence is not a stream version: " + text);
        }
        return OptionalLong.of(Long.parseLong(text));
    }

    public static Optional<String> header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static String required(Headers headers, String name) {
        return header(headers, name).filter(v -> !v.isBlank())
                .orElseThrow(() -> new MalformedCloudEvent("missing required attribute " + name));
    }

    static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A consumed record that is not a readable CloudEvent. */
    public static final class MalformedCloudEvent extends RuntimeException {
        public MalformedCloudEvent(String message) {
            super(message, null, false, false);
        }
    }
}
