package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.tracing.TraceContext;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The span of one consumer's handling of one event, and the context its effects are appended in.
 * SmallRye's own CONSUMER span of the record ends before the {@code @Incoming} method runs and is not
 * current there, so without this the events a consumer appends would start a new trace. The handling
 * span continues the record's {@code traceparent} (the relay's PRODUCER span) and is attached to the
 * attempt's Vert.x duplicated context, so {@code EventStore} stores it with what the handler appends
 * and the relay carries the trace on to the next consumer. A type the handler ignores gets no span.
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

    /** Starts the handling span and makes it current on {@code attempts}, the duplicated context every attempt runs on. */
    Span start(String consumer, ConsumerRecord<String, byte[]> record, IncomingEvent event,
               io.vertx.core.Context attempts) {
        TraceContext incoming = new TraceContext(
                CloudEvents.header(record.headers(), TraceContext.TRACEPARENT).orElse(null),
                CloudEvents.header(record.headers(), TraceContext.TRACESTATE).orElse(null));
        Span span = tracer.spanBuilder("handle " + event.type())
                .setParent(incoming.asParent())
                .setSpanKind(SpanKind.INTERNAL)
                .setAttribute(CONSUMER, consumer)
                .setAttribute(EVENT_TYPE, event.type())
                .setAttribute(EVENT_ID, event.id().toString())
                .setAttribute(SOURCE, record.topic())
                .startSpan();
        QuarkusContextStorage.INSTANCE.attach(attempts, span.storeInContext(io.opentelemetry.context.Context.root()));
        return span;
    }

    static void failed(Span span, Throwable failure) {
        span.setStatus(StatusCode.ERROR, failure.getClass().getSimpleName());
        span.recordException(failure);
    }
}
