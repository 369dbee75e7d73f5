package ai.adoption.eventsourcing.web;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Gives every request a correlation id: the caller's {@code X-Correlation-Id} when it is sane,
 * otherwise a new UUID. It is put in the logging MDC (so structured logs carry it), stored on
 * every event the request appends, and echoed in the response.
 */
public class CorrelationFilter {

    public static final String HEADER = "X-Correlation-Id";
    public static final String MDC_KEY = "correlationId";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private final RequestCorrelation correlation;

    @Inject
    public CorrelationFilter(RequestCorrelation correlation) {
        this.correlation = correlation;
    }

    @ServerRequestFilter(preMatching = true)
    public void onRequest(ContainerRequestContext request) {
        String given = request.getHeaderString(HEADER);
        String correlationId = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
        correlation.set(correlationId);
        MDC.put(MDC_KEY, correlationId);
    }

    @ServerResponseFilter
    public void onResponse(ContainerResponseContext response) {
        response.getHeaders().putSingle(HEADER, correlation.id());
        MDC.remove(MDC_KEY);
    }
}
