package ai.adoption.eventsourcing.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.UUID;

/**
 * Refuses a request whose declared body is larger than {@code eventsourcing.http.max-body-bytes}
 * with a 413 problem before the body is read. ({@code quarkus.http.limits.max-body-size} remains the
 * backstop for chunked bodies without a Content-Length.)
 */
@ApplicationScoped
public class BodySizeLimit {

    private final long maxBytes;

    @Inject
    public BodySizeLimit(@ConfigProperty(name = "eventsourcing.http.max-body-bytes", defaultValue = "65536") long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void register(@Observes Filters filters) {
        filters.register(this::limit, 1000);
    }

    void limit(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > maxBytes || declared < 0) {
                String correlationId = UUID.randomUUID().toString();
                Problem problem = new Problem(Problem.TYPE_BASE + "payload-too-large", "Payload too large", 413,
                        "The request body may be at most " + maxBytes + " bytes", context.request().path(), correlationId,
                        List.of(new FieldError("$", "larger than " + maxBytes + " bytes")), null, null);
                context.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .putHeader(CorrelationFilter.HEADER, correlationId)
                        .end(Json.encode(problem));
                return;
            }
        }
        context.next();
    }
}
