package ai.adoption.governance.api;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.web.CommandContexts;
import ai.adoption.eventsourcing.web.InvalidInput;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.governance.application.ScanQueries;
import ai.adoption.governance.application.ScanService;
import ai.adoption.governance.application.ScanViews.AnswerView;
import ai.adoption.governance.application.ScanViews.DimensionLevels;
import ai.adoption.governance.application.ScanViews.Level;
import ai.adoption.governance.application.ScanViews.ScanView;
import ai.adoption.governance.application.ScanViews.TargetsView;
import ai.adoption.governance.application.ScanViews.TrendView;
import ai.adoption.governance.domain.Access;
import ai.adoption.governance.domain.ScanCommand;
import ai.adoption.governance.domain.ScanDimension;
import ai.adoption.governance.domain.ScanTargetCommand;

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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

/** The AI-scan (README, "The AI-scan"): how a department stands on data, technology, customer focus and AI literacy. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "AI-scan", description = "A department's periodic self-assessment on four dimensions, its gaps to the targets, trend and next steps")
@SecurityRequirement(name = "jwt")
public class ScanResource {

    static final String AS_OF = "What the result was as known at the end of this day (UTC); give asOf or knownAt, not both";
    private static final Pattern DEPARTMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}");

    private final ScanService scans;
    private final ScanQueries queries;
    private final CommandContexts contexts;

    @Inject
    public ScanResource(ScanService scans, ScanQueries queries, CommandContexts contexts) {
        this.scans = scans;
        this.queries = queries;
        this.contexts = contexts;
    }

    @GET
    @Path("scans/levels")
    @Authenticated
    @Operation(operationId = "scanLevels", summary = "The four dimensions and what each level 1-5 means")
    public List<DimensionLevels> levels() {
        return Arrays.stream(ScanDimension.values()).map(d -> new DimensionLevels(d, d.title(), IntStream.rangeClosed(ScanDimension.LOWEST,
                ScanDimension.HIGHEST).mapToObj(l -> new Level(l, d.describe(l))).toList())).toList();
    }

    @POST
    @Path("scans")
    @RolesAllowed({Access.APPROVER, Access.ADMIN})
    @Operation(operationId = "openScan", summary = "Open an AI-scan of a department for a period (its approver, or an admin)")
    @APIResponse(responseCode = "201", description = "The scan, open",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScanView.class)))
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> open(@Valid @NotNull ScanRequests.OpenScan body, @Context UriInfo uri) {
        CommandContext context = contexts.command();
        UUID id = UUID.randomUUID();
        return scans.open(new ScanCommand.OpenScan(context.actor(), id, department("department", body.department()), body.label(),
                        body.periodFrom(), body.periodTo()), context)
                .map(view -> Response.created(uri.getBaseUriBuilder().path("scans").path(id.toString()).build())
                        .tag(Requests.etag(view.version())).entity(view).build());
    }

    @GET
    @Path("scans/{id}")
    @Authenticated
    @Operation(operationId = "getScan", summary = "A scan's result per dimension (median, range, answers, target, gap), the measured "
            + "AI-literacy coverage and the next steps, as known at a point (members of the department, compliance officers, admins)")
    public Uni<Response> scan(@PathParam("id") String id,
                              @Parameter(description = AS_OF, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
                              @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt) {
        UUID scanId = Requests.uuid("id", id);
        return queries.scan(scanId, point(asOf, knownAt), contexts.actor())
                .map(view -> Response.ok(view).tag(Requests.etag(view.version())).build());
    }

    @PUT
    @Path("scans/{id}/answers/mine")
    @Authenticated
    @Operation(operationId = "answerScan", summary = "Your answer: one level per dimension (members of the scan's department, while it is open)",
            description = "One answer per person: answering again revises it, and the latest counts; the same levels again record nothing.")
    @APIResponse(responseCode = "201", description = "Your first answer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerView.class)))
    @APIResponse(responseCode = "200", description = "Your answer, revised (or unchanged)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = AnswerView.class)))
    @APIResponse(responseCode = "409", description = "The scan is closed")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> answer(@PathParam("id") String id, @Valid @NotNull ScanRequests.Answer body) {
        UUID scanId = Requests.uuid("id", id);
        CommandContext context = contexts.command();
        return scans.answer(new ScanCommand.Answer(context.actor(), scanId, ScanRequests.levels(body.answers())), context)
                .map(view -> Response.status(view.first() ? 201 : 200).entity(view).build());
    }

    @POST
    @Path("scans/{id}/close")
    @RolesAllowed({Access.APPROVER, Access.ADMIN})
    @Operation(operationId = "closeScan", summary = "Close the scan today: no more answers (its department's approver, or an admin)")
    @APIResponse(responseCode = "200", description = "The scan, closed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ScanView.class)))
    @APIResponse(responseCode = "409", description = "Already closed, or changed concurrently")
    public Uni<Response> close(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch) {
        UUID scanId = Requests.uuid("id", id);
        CommandContext context = contexts.command();
        return scans.close(Requests.ifMatch(ifMatch), new ScanCommand.CloseScan(context.actor(), scanId,
                        LocalDate.ofInstant(context.now(), ZoneOffset.UTC)), context)
                .map(view -> Response.ok(view).tag(Requests.etag(view.version())).build());
    }

    @GET
    @Path("departments/{id}/scans")
    @Authenticated
    @Operation(operationId = "scanTrend", summary = "The department's scans by period, each with its result and the median's change from "
            + "the scan before, as known at a point (members of the department, compliance officers, admins)")
    public Uni<TrendView> trend(@PathParam("id") String id,
                                @Parameter(description = AS_OF, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
                                @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt) {
        return queries.trend(department("id", id), point(asOf, knownAt), contexts.actor());
    }

    @PUT
    @Path("departments/{id}/scan-targets")
    @RolesAllowed({Access.APPROVER, Access.ADMIN})
    @Operation(operationId = "setScanTargets", summary = "Set the department's target level per dimension (its approver, or an admin)",
            description = "Replaces the targets; a dimension left out has none. The same targets again record nothing.")
    @APIResponse(responseCode = "200", description = "The targets",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TargetsView.class)))
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<TargetsView> setTargets(@PathParam("id") String id, @Valid @NotNull ScanRequests.Targets body) {
        CommandContext context = contexts.command();
        return scans.setTargets(new ScanTargetCommand.SetTargets(context.actor(), department("id", id), ScanRequests.levels(body.targets()),
                body.reason()), context);
    }

    @GET
    @Path("departments/{id}/scan-targets")
    @Authenticated
    @Operation(operationId = "getScanTargets", summary = "The department's target levels as known at a point")
    public Uni<TargetsView> targets(@PathParam("id") String id,
                                    @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt) {
        return queries.targetsView(department("id", id), SystemResource.known(knownAt), contexts.actor());
    }

    /** knownAt, or the end of the asOf day (its last microsecond), or null (the watermark). */
    private static Instant point(String asOf, String knownAt) {
        if (asOf != null && knownAt != null) {
            throw new InvalidInput("asOf", "give asOf or knownAt, not both");
        }
        LocalDate day = Requests.date("asOf", asOf);
        return day != null ? day.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minus(1, ChronoUnit.MICROS) : SystemResource.known(knownAt);
    }

    private static String department(String field, String raw) {
        if (raw == null || !DEPARTMENT.matcher(raw).matches()) {
            throw new InvalidInput(field, "must be 1 to 100 letters, digits, spaces, '_', '.' or '-'");
        }
        return raw;
    }
}
