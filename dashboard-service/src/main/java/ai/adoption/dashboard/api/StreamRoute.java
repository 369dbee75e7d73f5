package ai.adoption.dashboard.api;

import ai.adoption.dashboard.application.FeedBroadcaster;
import ai.adoption.dashboard.application.FeedQueries;
import ai.adoption.dashboard.application.StreamTickets;
import ai.adoption.dashboard.domain.ReadScope;
import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.web.FieldError;
import ai.adoption.eventsourcing.web.Problem;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET /dashboard/stream?ticket=&lastEventId=&department=}: the activity feed as Server-Sent
 * Events. A Vert.x route rather than a JAX-RS method, because the stream needs what JAX-RS hides: the
 * connection's write queue (a slow client is cut off, not buffered without bound), its close, and the
 * exact bytes of a heartbeat comment. The ticket (see {@link StreamTickets}) replaces the bearer token
 * that an {@code EventSource} cannot send; everything before the stream starts (a missing, expired or
 * reused ticket: 401; a malformed {@code lastEventId}: 400; a department outside the ticket's read
 * scope: 403) is an RFC 9457 problem. {@code lastEventId} wins over the {@code Last-Event-ID} header.
 */
@ApplicationScoped
public class StreamRoute {

    public static final String PATH = "/dashboard/stream";
    private static final Pattern ID = Pattern.compile("\\d{1,18}");

    private final Vertx vertx;
    private final StreamTickets tickets;
    private final FeedBroadcaster broadcaster;
    private final FeedQueries queries;
    private final long heartbeatMillis;
    private final int clientBuffer;
    private final int writeQueueBytes;
    private final Counter cutOff;

    @Inject
    public StreamRoute(Vertx vertx, StreamTickets tickets, FeedBroadcaster broadcaster, FeedQueries queries, MeterRegistry meters,
                       @ConfigProperty(name = "dashboard.stream.heartbeat", defaultValue = "15s") Duration heartbeat,
                       @ConfigProperty(name = "dashboard.stream.client-buffer", defaultValue = "1000") int clientBuffer,
                       @ConfigProperty(name = "dashboard.stream.write-queue-bytes", defaultValue = "65536") int writeQueueBytes) {
        this.vertx = vertx;
        this.tickets = tickets;
        this.broadcaster = broadcaster;
        this.queries = queries;
        this.heartbeatMillis = heartbeat.toMillis();
        this.clientBuffer = clientBuffer;
        this.writeQueueBytes = writeQueueBytes;
        this.cutOff = meters.counter("dashboard.stream.cut-off");
    }

    void routes(@Observes Router router) {
        router.get(PATH).handler(this::open);
    }

    void open(RoutingContext context) {
        String rawId = context.request().getParam("lastEventId");
        if (rawId == null) {
            rawId = context.request().getHeader("Last-Event-ID");
        }
        Long lastEventId = null;
        if (rawId != null && !rawId.isBlank()) {
            if (!ID.matcher(rawId.strip()).matches()) {
                problem(context, 400, "invalid-request", "Invalid request", "lastEventId must be a feed id (0 or more)",
                        List.of(new FieldError("lastEventId", "must be a whole number from 0")));
                return;
            }
            lastEventId = Long.parseLong(rawId.strip());
        }
        Optional<Actor> actor = tickets.redeem(context.request().getParam("ticket"));
        if (actor.isEmpty()) {
            problem(context, 401, "unauthorized", "Unauthorized", "A valid stream ticket is required: POST "
                    + "/dashboard/stream-tickets with your bearer token, then open the stream within 30 s; a ticket opens one stream",
                    List.of(new FieldError("ticket", "missing, expired or already used")));
            return;
        }
        String department;
        try {
            String requested = context.request().getParam("department");
            department = ReadScope.of(actor.get()).detailFilter(requested == null || requested.isBlank() ? null : requested.strip());
        } catch (AccessDenied e) {
            problem(context, 403, "forbidden", "Forbidden", e.getMessage(), List.of());
            return;
        }
        StreamClient client = new StreamClient(vertx, context.response(), broadcaster, queries, department, clientBuffer,
                cutOff::increment);
        long joinedAt = broadcaster.subscribe(client);
        if (joinedAt < 0) {
            context.response().putHeader("Retry-After", "2");
            problem(context, 503, "service-unavailable", "Service unavailable", "The feed is not read yet; retry shortly", List.of());
            return;
        }
        context.response().setChunked(true)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("X-Accel-Buffering", "no")
                .setWriteQueueMaxSize(writeQueueBytes);
        client.start(joinedAt, lastEventId, heartbeatMillis);
    }

    private static void problem(RoutingContext context, int status, String type, String title, String detail, List<FieldError> errors) {
        String correlationId = UUID.randomUUID().toString();
        Problem problem = new Problem(Problem.TYPE_BASE + type, title, status, detail, PATH, correlationId, errors, null, null);
        context.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader("X-Correlation-Id", correlationId)
                .end(Json.encode(problem));
    }
}
