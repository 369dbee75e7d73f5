package ai.adoption.eventsourcing.web;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every HTTP response carries {@code X-Trace-Id}, the id of the request's trace, so that a user can quote it
 * and an operator find the trace (or, with no collector, the log lines: they carry it as {@code traceId}).
 * Problem responses included: the header is written just before the response's headers go out, whoever
 * writes them (a resource, {@link ProblemMappers}, {@link HttpProblems}). It runs before every other
 * filter; the server span already exists then (Vert.x starts it when the request arrives).
 */
@ApplicationScoped
public class TraceIdHeader {

    public static final String HEADER = "X-Trace-Id";
    /** Before {@link HttpProblems}' guard (2000) and the body-size limit, so their refusals carry it too. */
    static final int PRIORITY = 10_000;

    void register(@Observes Filters filters) {
        filters.register(this::stamp, PRIORITY);
    }

    void stamp(RoutingContext context) {
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            String traceId = span.getTraceId();
            context.addHeadersEndHandler(ignored -> context.response().headers().set(HEADER, traceId));
        }
        context.next();
    }
}
