package ai.adoption.dashboard.api;

import ai.adoption.dashboard.application.FeedQueries;
import ai.adoption.dashboard.application.FeedQueries.FeedPage;
import ai.adoption.dashboard.application.StreamTickets;
import ai.adoption.dashboard.application.SummaryQueries;
import ai.adoption.dashboard.application.SummaryQueries.Department;
import ai.adoption.dashboard.application.SummaryQueries.RevisitList;
import ai.adoption.dashboard.application.SummaryQueries.Summary;
import ai.adoption.dashboard.domain.ReadScope;
import ai.adoption.eventsourcing.web.CommandContexts;
import ai.adoption.eventsourcing.web.InvalidInput;
import ai.adoption.eventsourcing.web.Problem;
import ai.adoption.eventsourcing.web.Requests;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The dashboard's snapshots (the same figures the stream keeps current) and the stream tickets. The
 * organisation's funnel is for everyone signed in; per-department detail follows {@link ReadScope}.
 */
@Path("/dashboard")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dashboard")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DashboardResource {

    public static final int MAX_ACTIVITY = 500;
    public static final int MAX_PERIOD_DAYS = 3660;
    private static final Pattern FEED_ID = Pattern.compile("\\d{1,18}");

    private final FeedQueries feed;
    private final SummaryQueries summaries;
    private final StreamTickets tickets;
    private final CommandContexts contexts;
    private final Clock clock;

    @Inject
    public DashboardResource(FeedQueries feed, SummaryQueries summaries, StreamTickets tickets, CommandContexts contexts, Clock clock) {
        this.feed = feed;
        this.summaries = summaries;
        this.tickets = tickets;
        this.contexts = contexts;
        this.clock = clock;
    }

    /** The activity page: what {@code activity} events of the stream carry, from a feed id on. */
    public record ActivityPage(List<ai.adoption.dashboard.domain.ActivityItem> items, long latest, long oldest) {
    }

    @GET
    @Path("/activity")
    @Authenticated
    @Operation(operationId = "dashboardActivity", summary = "Activity feed items after a feed id",
            description = "Items with id > after (default 0), in id order, at most limit (1..500, default 100), of the department "
                    + "given (in your read scope) or of your read scope. latest is the last feed id, oldest the smallest one "
                    + "still kept (latest + 1 when none is).")
    @APIResponse(responseCode = "200", description = "One page of items")
    @APIResponse(responseCode = "400", description = "after or limit is malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The department is outside your read scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<ActivityPage> activity(@QueryParam("after") String after, @QueryParam("limit") String limit,
                                      @QueryParam("department") String department) {
        long from = feedId("after", after);
        int size = limit(limit);
        String filter = ReadScope.of(contexts.actor()).detailFilter(Requests.text(department));
        return feed.page(from, size, filter).map((FeedPage page) -> new ActivityPage(page.items(), page.latest(), page.oldest()));
    }

    @POST
    @Path("/stream-tickets")
    @Authenticated
    @Operation(operationId = "createStreamTicket", summary = "A single-use ticket that opens the event stream",
            description = "EventSource cannot send a bearer token and a token never goes into a URL: open "
                    + "GET /dashboard/stream?ticket=<ticket> within 30 s. The ticket carries your identity and read scope and "
                    + "opens one stream; reconnect with a fresh one (and lastEventId).")
    @APIResponse(responseCode = "201", description = "The ticket and when it expires")
    @APIResponse(responseCode = "503", description = "Too many unredeemed tickets; retry shortly",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response ticket() {
        try {
            StreamTickets.Issued issued = tickets.issue(contexts.actor());
            return Response.status(201).entity(issued).build();
        } catch (StreamTickets.TooManyTickets e) {
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "5")
                    .entity(new Problem(Problem.TYPE_BASE + "service-unavailable", "Service unavailable", 503, e.getMessage(),
                            "/dashboard/stream-tickets", null, List.of(), null, null)).build();
        }
    }

    @GET
    @Path("/departments")
    @Authenticated
    @Operation(operationId = "dashboardDepartments", summary = "The departments the streams name",
            description = "id and name (governance's name once a department.established or .changed event told it, else the id).")
    @APIResponse(responseCode = "200", description = "The departments, by id")
    public Uni<List<Department>> departments() {
        return summaries.departments();
    }

    @GET
    @Path("/summary")
    @Authenticated
    @Operation(operationId = "dashboardSummary", summary = "The adoption dashboard's figures for a period",
            description = "The funnel counted by transitions for [from, to] (UTC dates, default the last 30 days) and for the "
                    + "previous period of equal length, conversion per step, median days per stage, and (in your read scope) the "
                    + "oldest idea waiting for a decision, the revisit list's counts, open findings, compliance gaps by article "
                    + "and AI-literacy coverage. asOfFeedId is the last feed id folded into it. notTold lists what the streams "
                    + "cannot tell.")
    @APIResponse(responseCode = "200", description = "The snapshot")
    @APIResponse(responseCode = "400", description = "A date is malformed, from is after to, or the period is too long",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Summary> summary(@QueryParam("department") String department, @QueryParam("from") String from,
                                @QueryParam("to") String to) {
        Requests.Days days = Requests.days(from, to, clock);
        LocalDate start = days.from();
        LocalDate end = days.to();
        if (start.plusDays(MAX_PERIOD_DAYS).isBefore(end)) {
            throw new InvalidInput("from", "the period may be at most " + MAX_PERIOD_DAYS + " days");
        }
        String requested = Requests.text(department);
        ReadScope scope = ReadScope.of(contexts.actor());
        return summaries.summary(requested, start, end, scope, clock.instant());
    }

    @GET
    @Path("/revisits")
    @Authenticated
    @Operation(operationId = "dashboardRevisits", summary = "The revisit list (due and overdue) as the streams tell it",
            description = "Open cases that are due, the longest due first, then the scheduled ones by due time; of the department "
                    + "given (in your read scope) or of your read scope; at most 500.")
    @APIResponse(responseCode = "200", description = "The list and its counts")
    @APIResponse(responseCode = "403", description = "The department is outside your read scope",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<RevisitList> revisits(@QueryParam("department") String department) {
        String filter = ReadScope.of(contexts.actor()).detailFilter(Requests.text(department));
        return summaries.revisits(filter, clock.instant());
    }

    private static long feedId(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        if (!FEED_ID.matcher(raw.strip()).matches()) {
            throw new InvalidInput(field, "must be a feed id: a whole number from 0");
        }
        return Long.parseLong(raw.strip());
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) {
            return 100;
        }
        if (!raw.strip().matches("\\d{1,3}") || Integer.parseInt(raw.strip()) < 1 || Integer.parseInt(raw.strip()) > MAX_ACTIVITY) {
            throw new InvalidInput("limit", "must be from 1 to " + MAX_ACTIVITY);
        }
        return Integer.parseInt(raw.strip());
    }
}
