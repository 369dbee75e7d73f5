package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.tracing.TraceContext;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The relay's PRODUCER spans: one per record it sends, each a child of the trace context the event was
 * appended in ({@link Publishable#trace()}), so the trace that began with a request goes on through the
 * outbox. The relay runs on its own thread, with no Vert.x context and no current span: every parent is
 * built from the stored values, never taken from {@code Context.current()}, and nothing is made current.
 * The span's context goes into the record as {@code traceparent} / {@code tracestate} (what OpenTelemetry
 * consumers, SmallRye's among them, continue) and as the CloudEvents distributed-tracing extension
 * {@code ce_traceparent} / {@code ce_tracestate}. Only a batch creates spans: an idle poll creates none.
 */
final class PublishTracing {

    static final String INSTRUMENTATION = "ai.adoption.eventsourcing.relay";

    private static final AttributeKey<String> SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> OPERATION = AttributeKey.stringKey("messaging.operation.type");
    private static final AttributeKey<String> OPERATION_NAME = AttributeKey.stringKey("messaging.operation.name");
    private static final AttributeKey<String> DESTINATION = AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGE_ID = AttributeKey.stringKey("messaging.message.id");
    private static final AttributeKey<String> KEY = AttributeKey.stringKey("messaging.kafka.message.key");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    private static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");
    private static final AttributeKey<Long> STREAM_VERSION = AttributeKey.longKey("eventsourcing.stream.version");

    private final Tracer tracer;

    PublishTracing(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The spans of one Kafka transaction, ended together when it commits or fails. */
    final class Publication {
        private final List<Span> spans = new ArrayList<>();

        /** Starts the record's span and writes its context into the record's headers. */
        ProducerRecord<String, byte[]> traced(ProducerRecord<String, byte[]> record, Publishable item) {
            RecordedEvent<String> event = item.event();
            Span span = tracer.spanBuilder("send " + record.topic())
                    .setParent(item.trace().asParent())
                    .setSpanKind(SpanKind.PRODUCER)
                    .setAttribute(SYSTEM, "kafka")
                    .setAttribute(OPERATION, "send")
                    .setAttribute(OPERATION_NAME, "send")
                    .setAttribute(DESTINATION, record.topic())
                    .setAttribute(MESSAGE_ID, event.eventId().toString())
                    .setAttribute(KEY, String.valueOf(record.key()))
                    .setAttribute(EVENT_TYPE, event.cloudEventType())
                    .setAttribute(EVENT_ID, event.eventId().toString())
                    .setAttribute(STREAM_VERSION, event.streamVersion())
                    .startSpan();
            spans.add(span);
            TraceContext context = TraceContext.of(span.storeInContext(io.opentelemetry.context.Context.root()));
            if (context.isPresent()) {
                put(record, TraceContext.TRACEPARENT, context.traceparent());
                put(record, CloudEvents.TRACEPARENT, context.traceparent());
                if (context.tracestate() != null) {
                    put(record, TraceContext.TRACESTATE, context.tracestate());
                    put(record, CloudEvents.TRACESTATE, context.tracestate());
                }
            }
            return record;
        }

        void committed() {
            spans.forEach(Span::end);
        }

        void failed(Throwable failure) {
            for (Span span : spans) {
                span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
                span.recordException(failure);
                span.end();
            }
        }
    }

    Publication publication() {
        return new Publication();
    }

    private static void put(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().remove(name);
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
