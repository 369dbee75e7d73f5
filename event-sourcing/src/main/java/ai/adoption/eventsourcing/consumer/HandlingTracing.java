package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.tracing.TraceContext;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The span of one consumer's handling of one event, and the context its effects are appended in, so the
 * events a consumer appends carry the trace on through the relay to the next consumer. Its parent is the
 * record's trace: SmallRye's CONSUMER span when it is current (Quarkus makes it current in the
 * {@code @Incoming} method, and it continues the record's {@code traceparent}), otherwise the record's
 * {@code traceparent} itself (a dead-letter replay runs inside the operator's request). The caller makes the
 * span current while it assembles the handling ({@code Uni} callbacks restore the context they were
 * assembled in) and it is also attached to the attempts' Vert.x duplicated context. A type the handler
 * ignores gets no span.
 */
@ApplicationScoped
public class HandlingTracing {

    static final String INSTRUMENTATION = "ai.adoption.eventsourcing.consumer";
    private static final AttributeKey<String> CONSUMER = AttributeKey.stringKey("eventsourcing.consumer");
    private static final AttributeKey<String> EVENT_TYPE = AttributeKey.stringKey("cloudevents.event_type");
    private static final AttributeKey<String> EVENT_ID = AttributeKey.stringKey("cloudevents.event_id");
    private static final AttributeKey<String> SOURCE = AttributeKey.stringKey("messaging.destination.name");

    private final Tracer tracer;

    @Inject
    public HandlingTracing(OpenTelemetry telemetry) {
        this.tracer = telemetry.getTracer(INSTRUMENTATION);
    }

    /** Starts the handling span and attaches it to {@code attempts}, the duplicated context every attempt runs on. */
    Span start(String consumer, ConsumerRecord<String, byte[]> record, IncomingEvent event,
               io.vertx.core.Context attempts) {
        TraceContext incoming = new TraceContext(
                CloudEvents.header(record.headers(), TraceContext.TRACEPARENT).orElse(null),
                CloudEvents.header(record.headers(), TraceContext.TRACESTATE).orElse(null));
        Span span = tracer.spanBuilder("handle " + event.type())
                .setParent(parent(incoming, Context.current()))
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(CONSUMER, consumer)
                .setAttribute(EVENT_TYPE, event.type())
                .setAttribute(EVENT_ID, event.id().toString())
                .setAttribute(SOURCE, record.topic())
                .startSpan();
        QuarkusContextStorage.INSTANCE.attach(attempts, span.storeInContext(Context.root()));
        return span;
    }

    /** The current context when its span continues the record's trace (SmallRye's consumer span), else the record's. */
    static Context parent(TraceContext incoming, Context current) {
        SpanContext currentSpan = Span.fromContext(current).getSpanContext();
        if (!incoming.isPresent()) {
            return currentSpan.isValid() ? current : Context.root();
        }
        SpanContext recordSpan = incoming.spanContext();
        return currentSpan.isValid() && currentSpan.getTraceId().equals(recordSpan.getTraceId()) ? current : incoming.asParent();
    }

    static void failed(Span span, Throwable failure) {
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        span.recordException(failure);
    }
}
