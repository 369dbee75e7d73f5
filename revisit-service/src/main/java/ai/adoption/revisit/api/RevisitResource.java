package ai.adoption.revisit.api;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.security.Roles;
import ai.adoption.eventsourcing.store.EventHistory;
import ai.adoption.eventsourcing.web.CommandContexts;
import ai.adoption.eventsourcing.web.InvalidInput;
import ai.adoption.eventsourcing.web.Page;
import ai.adoption.eventsourcing.web.Problem;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.revisit.application.Aggregates;
import ai.adoption.revisit.application.CaseService;
import ai.adoption.revisit.application.RevisitQueries;
import ai.adoption.revisit.application.Views.BroughtForward;
import ai.adoption.revisit.application.Views.CaseView;
import ai.adoption.revisit.application.Views.Counts;
import ai.adoption.revisit.domain.CaseSource;
import ai.adoption.revisit.domain.CaseStatus;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** The revisit list: read it, re-evaluate due cases, set a case's interval, bring a tool's cases forward. */
@Path("/revisits")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Revisits")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class RevisitResource {

    private final CaseService cases;
    private final RevisitQueries queries;
    private final EventHistory history;
    private final CommandContexts contexts;
    private final Clock clock;

    @Inject
    public RevisitResource(CaseService cases, RevisitQueries queries, EventHistory history, CommandContexts contexts, Clock clock) {
        this.cases = cases;
        this.queries = queries;
        this.history = history;
        this.contexts = contexts;
        this.clock = clock;
    }

    @GET
    @Authenticated
    @Operation(operationId = "listRevisits", summary = "List revisit cases",
            description = "Due cases first, then by due time. Filters: department, status (SCHEDULED, DUE, CLOSED: the exact "
                    + "names), dueBefore (ISO-8601 instant or date), tool, rejectionReason, source (REJECTION, EXPERIMENT: the exact "
                    + "names); paging with page and size.")
    @APIResponse(responseCode = "200", description = "One page of cases")
    @APIResponse(responseCode = "400", description = "A filter or paging value is malformed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<CaseView>> list(@QueryParam("department") String department,
                                    @Parameter(description = "Exact name, upper case",
                                            schema = @Schema(type = SchemaType.STRING, enumeration = {"SCHEDULED", "DUE", "CLOSED"}))
                                    @QueryParam("status") String status,
                                    @QueryParam("dueBefore") String dueBefore, @QueryParam("tool") String tool,
                                    @QueryParam("rejectionReason") String rejectionReason,
                                    @Parameter(description = "Exact name, upper case",
                                            schema = @Schema(type = SchemaType.STRING, enumeration = {"REJECTION", "EXPERIMENT"}))
                                    @QueryParam("source") String source,
                                    @QueryParam("page") String page, @QueryParam("size") String size) {
        String reason = Requests.text(rejectionReason);
        return queries.cases(new RevisitQueries.CaseFilter(Requests.text(department),
                        Requests.enumValue("status", status, CaseStatus.class), instant("dueBefore", dueBefore),
                        Requests.text(tool), reason == null ? null : reason.toUpperCase(java.util.Locale.ROOT),
                        Requests.enumValue("source", source, CaseSource.class)),
                Requests.page(page), Requests.size(size));
    }

    @GET
    @Path("/counts")
    @Authenticated
    @Operation(operationId = "revisitCounts", summary = "Per-department counts of the revisit list",
            description = "open (scheduled or due), dueNow, overdue (due for more than 30 days without a re-evaluation), and "
                    + "reopened and dropped in [from, to] (inclusive dates, UTC; default the last 30 days).")
    @APIResponse(responseCode = "200", description = "The counts")
    @APIResponse(responseCode = "400", description = "A date is malformed or from is after to",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Counts> counts(@QueryParam("department") String department, @QueryParam("from") String from,
                              @QueryParam("to") String to) {
        Requests.Days days = Requests.days(from, to, clock);
        LocalDate start = days.from();
        LocalDate end = days.to();
        return queries.counts(Requests.text(department), start.atStartOfDay().toInstant(ZoneOffset.UTC),
                end.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), clock.instant());
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(operationId = "getRevisit", summary = "One revisit case; its version is the ETag")
    @APIResponse(responseCode = "200", description = "The case")
    @APIResponse(responseCode = "400", description = "The id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("id") String id) {
        return queries.one(Requests.uuid("id", id)).map(RevisitResource::ok);
    }

    @GET
    @Path("/{id}/history")
    @Authenticated
    @Operation(operationId = "revisitHistory", summary = "Every event of the case: its origin, every cycle, every evaluation")
    @APIResponse(responseCode = "200", description = "The events in order")
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<EventHistory.Entry>> history(@PathParam("id") String id) {
        return history.of(Aggregates.CASE.name(), Requests.uuid("id", id).toString());
    }

    @POST
    @Path("/{id}/evaluations")
    @RolesAllowed({Roles.AMBASSADOR, Roles.ADMIN})
    @Operation(operationId = "evaluateRevisit", summary = "Re-evaluate a due case (ambassador of its department, or admin)",
            description = "STILL_NOT_FEASIBLE schedules the next cycle (optionally with a new interval for this case); "
                    + "NOW_FEASIBLE closes the case as reopened and experiments-service reopens the idea; DROP closes it for good.")
    @APIResponse(responseCode = "201", description = "The evaluation was recorded; the case as it is now")
    @APIResponse(responseCode = "400", description = "Malformed body or id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an ambassador of the case's department nor an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The case is not due (currentState names its state)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Notes or reason missing, interval out of bounds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> evaluate(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                  @Valid @NotNull RevisitRequests.Evaluation body, @Context UriInfo uri) {
        UUID caseId = Requests.uuid("id", id);
        CommandContext context = contexts.command();
        return cases.evaluate(caseId, Requests.ifMatch(ifMatch), context.actor(), body.verdict(), body.notes(),
                        RevisitRequests.interval("nextInterval", body.nextInterval()), body.reason(), context)
                .map(view -> Response.created(uri.getBaseUriBuilder().path("revisits").path(caseId.toString()).build())
                        .tag(Requests.etag(view.version())).entity(view).build());
    }

    @PUT
    @Path("/{id}/interval")
    @RolesAllowed({Roles.AMBASSADOR, Roles.ADMIN})
    @Operation(operationId = "setRevisitInterval", summary = "Give a case its own interval (ambassador of its department, or admin)",
            description = "A waiting case is rescheduled from the start of its cycle (due at once if that has passed); a due "
                    + "case keeps the interval for its next cycle.")
    @APIResponse(responseCode = "200", description = "The case as it is now")
    @APIResponse(responseCode = "400", description = "Malformed body or id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an ambassador of the case's department nor an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such case",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The case is closed",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Interval out of bounds",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> setInterval(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                     @Valid @NotNull RevisitRequests.CaseInterval body) {
        UUID caseId = Requests.uuid("id", id);
        return cases.setInterval(caseId, Requests.ifMatch(ifMatch), RevisitRequests.interval("interval", body.interval()),
                contexts.command()).map(RevisitResource::ok);
    }

    @POST
    @Path("/bring-forward")
    @RolesAllowed({Roles.AMBASSADOR, Roles.ADMIN})
    @Operation(operationId = "bringForwardRevisits", summary = "Make every waiting case of a tool due now",
            description = "E.g. when the tool was approved or a new version came out. Optionally only one department's cases "
                    + "(an ambassador: only their own, the default) or one rejection reason. Each case fires once.")
    @APIResponse(responseCode = "200", description = "The cases that are due now because of this")
    @APIResponse(responseCode = "400", description = "Malformed body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Another department's cases, and not an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<BroughtForward> bringForward(@Valid @NotNull RevisitRequests.BringForward body) {
        String reason = body.rejectionReason() == null ? null : body.rejectionReason().strip().toUpperCase(java.util.Locale.ROOT);
        return cases.bringForward(body.tool().strip(), body.department() == null ? null : body.department().strip(), reason,
                body.why(), contexts.command());
    }

    private static Response ok(CaseView view) {
        return Response.ok(view).tag(Requests.etag(view.version())).build();
    }

    private static Instant instant(String field, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(raw.trim());
        } catch (DateTimeParseException e) {
            try {
                return LocalDate.parse(raw.trim()).atStartOfDay().toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e2) {
                throw new InvalidInput(field, "must be an ISO-8601 instant such as 2026-11-23T10:00:00Z or a date such as 2026-11-23");
            }
        }
    }
}
