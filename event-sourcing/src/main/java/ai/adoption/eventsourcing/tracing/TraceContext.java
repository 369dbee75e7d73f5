package ai.adoption.eventsourcing.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;

import java.util.List;

/**
 * A W3C trace context ({@code traceparent}, {@code tracestate}) as the event store keeps it with each
 * event and as the relay writes it into Kafka headers. Always W3C, whatever propagators the service
 * configures: {@code ce_traceparent} (the CloudEvents distributed-tracing extension) is defined as one.
 * Either value may be null: no trace, or no vendor state.
 */
public record TraceContext(String traceparent, String tracestate) {

    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    public static final TraceContext NONE = new TraceContext(null, null);

    /** The context of the current span (the request's, the consumed event's), or {@link #NONE}. */
    public static TraceContext current() {
        return of(Context.current());
    }

    /** The context of {@code context}'s span, or {@link #NONE} when it has no valid one. */
    public static TraceContext of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return NONE;
        }
        String[] values = new String[2];
        W3CTraceContextPropagator.getInstance().inject(context, values, SETTER);
        return new TraceContext(values[0], blankToNull(values[1]));
    }

    /**
     * The OpenTelemetry context with this span as the (remote) parent, or the root context when there is
     * none or the stored value does not parse: a new trace starts there.
     */
    public Context asParent() {
        if (traceparent == null) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), this, GETTER);
    }

    /** The span context this trace context names, invalid when there is none. */
    public SpanContext spanContext() {
        return Span.fromContext(asParent()).getSpanContext();
    }

    public boolean isPresent() {
        return traceparent != null;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static final TextMapSetter<String[]> SETTER = (carrier, key, value) -> {
        if (carrier == null) {
            return;
        }
        if (TRACEPARENT.equals(key)) {
            carrier[0] = value;
        } else if (TRACESTATE.equals(key)) {
            carrier[1] = value;
        }
    };

    private static final TextMapGetter<TraceContext> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(TraceContext carrier) {
            return List.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(TraceContext carrier, String key) {
            if (carrier == null) {
                return null;
            }
            return TRACEPARENT.equals(key) ? carrier.traceparent() : TRACESTATE.equals(key) ? carrier.tracestate() : null;
        }
    };
}
