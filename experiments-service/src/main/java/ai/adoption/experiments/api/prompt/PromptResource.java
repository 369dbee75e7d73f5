package ai.adoption.experiments.api.prompt;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.IdempotentRequest;
import ai.adoption.eventsourcing.security.Roles;
import ai.adoption.eventsourcing.store.EventHistory;
import ai.adoption.eventsourcing.web.CommandContexts;
import ai.adoption.eventsourcing.web.InvalidInput;
import ai.adoption.eventsourcing.web.Page;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.experiments.api.IdeaResource;
import ai.adoption.experiments.application.Aggregates;
import ai.adoption.experiments.application.prompt.PillService;
import ai.adoption.experiments.application.prompt.PromptQueries;
import ai.adoption.experiments.application.prompt.PromptService;
import ai.adoption.experiments.application.prompt.PromptViews.EntryView;
import ai.adoption.experiments.application.prompt.PromptViews.PillView;
import ai.adoption.experiments.application.prompt.PromptViews.VersionView;
import ai.adoption.experiments.domain.prompt.PromptCommand;
import ai.adoption.experiments.domain.prompt.PromptStatus;

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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** The prompt catalogue: entries with versions and a review, "I tried it", the ranking, and the daily AI pill. */
@Path("/prompts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Prompts", description = "The prompt catalogue and the daily AI pill")
@SecurityRequirement(name = "jwt")
public class PromptResource {

    private static final String IF_MATCH = "The ETag of the version you last read, e.g. \"3\" (strong comparison)";
    private static final String IDEMPOTENCY = "Makes a retry safe: the same key and body give the same result";

    private final PromptService prompts;
    private final PromptQueries queries;
    private final PillService pill;
    private final EventHistory history;
    private final CommandContexts contexts;
    private final Clock clock;

    @Inject
    public PromptResource(PromptService prompts, PromptQueries queries, PillService pill, EventHistory history,
                          CommandContexts contexts, Clock clock) {
        this.prompts = prompts;
        this.queries = queries;
        this.pill = pill;
        this.history = history;
        this.contexts = contexts;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.EMPLOYEE, Roles.APPROVER, Roles.AMBASSADOR, Roles.ADMIN})
    @APIResponse(responseCode = "201", description = "The new entry, version 1 in DRAFT", headers = {@Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = SchemaType.STRING, format = "uri")), @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "404", description = "No learning with this sourceLearningId")
    @APIResponse(responseCode = "409", description = "The source learning's experiment has not concluded")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field: variables declared but not used, or used but not declared), or the Idempotency-Key was used for another request")
    @Operation(operationId = "draftPrompt", summary = "Draft a prompt entry in your department, optionally promoted from a learning of a concluded experiment")
    public Uni<Response> draft(@Valid @NotNull PromptRequests.Draft body, @Parameter(description = IDEMPOTENCY, schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200)) @HeaderParam(IdeaResource.IDEMPOTENCY_KEY) String idempotencyKey, @Context UriInfo uri) {
        CommandContext context = contexts.command();
        return prompts.draft(UUID.randomUUID(), body.toDomain(), body.sourceLearningId(), context, IdempotentRequest.of(idempotencyKey, body), today())
                .map(view -> Response.created(uri.getBaseUriBuilder().path("prompts").path(view.id().toString()).build())
                        .tag(Requests.etag(view.version())).entity(view).build());
    }

    @GET
    @Authenticated
    @Operation(operationId = "listPrompts", summary = "The catalogue, ranked by use (or by minutes saved), most first", description = "Filters: status, department, flagged (an approved entry whose tool approval was revoked or expired, or no longer allows its data class).")
    public Uni<Page<EntryView>> list(@Parameter(schema = @Schema(implementation = PromptStatus.class)) @QueryParam("status") String status, @Parameter(description = "Department", schema = @Schema(type = SchemaType.STRING, maxLength = 100)) @QueryParam("department") String department,
                                     @Parameter(description = "Only flagged (true) or only unflagged (false) entries", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("flagged") String flagged, @Parameter(description = "Ranking", schema = @Schema(implementation = PromptQueries.Ranking.class)) @QueryParam("rank") String rank,
                                     @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000")) @QueryParam("page") String page, @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        String dept = Requests.text(department);
        if (dept != null && dept.length() > 100) {
            throw new InvalidInput("department", "must be at most 100 characters");
        }
        return queries.list(new PromptQueries.Filter(Requests.enumValue("status", status, PromptStatus.class), dept,
                Requests.bool("flagged", flagged), Requests.enumValue("rank", rank, PromptQueries.Ranking.class)), today(),
                Requests.page(page), Requests.size(size));
    }

    @GET
    @Path("/today")
    @Authenticated
    @APIResponse(responseCode = "200", description = "The department's pill of the day", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PillView.class)))
    @Operation(operationId = "dailyPill", summary = "Today's AI pill for your department (or another's): one approved entry and a tool feature to try", description = "The same all day for everyone in the department; no entry repeats within the configured window while others are left.")
    public Uni<PillView> today(@Parameter(description = "Department (default: the one in your token)", schema = @Schema(type = SchemaType.STRING, maxLength = 100)) @QueryParam("department") String department) {
        String dept = Requests.text(department);
        if (dept == null) {
            dept = contexts.actor().department();
        }
        if (dept == null) {
            throw new InvalidInput("department", "is required: your token names no department");
        }
        if (dept.length() > 100) {
            throw new InvalidInput("department", "must be at most 100 characters");
        }
        return pill.today(dept, today());
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @APIResponse(responseCode = "200", description = "The entry", headers = @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView.class)))
    @Operation(operationId = "getPrompt", summary = "One entry, with its flag and the reason; its version is the ETag")
    public Uni<Response> get(@PathParam("id") String id) {
        return queries.entry(Requests.uuid("id", id), today()).map(PromptResource::ok);
    }

    @GET
    @Path("/{id}/versions")
    @Authenticated
    @Operation(operationId = "getPromptVersions", summary = "Every version of the entry, oldest first")
    public Uni<List<VersionView>> versions(@PathParam("id") String id) {
        return queries.versions(Requests.uuid("id", id));
    }

    @GET
    @Path("/{id}/history")
    @Authenticated
    @Operation(operationId = "getPromptHistory", summary = "Every event of the entry with type, time, actor and payload")
    public Uni<List<EventHistory.Entry>> history(@PathParam("id") String id) {
        return history.of(Aggregates.PROMPT.name(), Requests.uuid("id", id).toString());
    }

    @POST
    @Path("/{id}/revise")
    @RolesAllowed({Roles.EMPLOYEE, Roles.APPROVER, Roles.AMBASSADOR, Roles.ADMIN})
    @APIResponse(responseCode = "200", description = "The entry with its new DRAFT version", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    @Operation(operationId = "revisePrompt", summary = "A new version in DRAFT (author, ambassador of the department or admin); an approved version stays served")
    public Uni<Response> revise(@PathParam("id") String id, @Parameter(description = IF_MATCH, schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull PromptRequests.Content body) {
        CommandContext context = contexts.command();
        return prompts.execute(Requests.uuid("id", id), Requests.ifMatch(ifMatch), new PromptCommand.RevisePrompt(context.actor(), body.toDomain()),
                context, today()).map(PromptResource::ok);
    }

    @POST
    @Path("/{id}/submit")
    @RolesAllowed({Roles.EMPLOYEE, Roles.APPROVER, Roles.AMBASSADOR, Roles.ADMIN})
    @APIResponse(responseCode = "200", description = "The entry, its newest version IN_REVIEW", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @Operation(operationId = "submitPrompt", summary = "Send the newest DRAFT version to review (author, ambassador of the department or admin)")
    public Uni<Response> submit(@PathParam("id") String id, @Parameter(description = IF_MATCH, schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch) {
        CommandContext context = contexts.command();
        return prompts.execute(Requests.uuid("id", id), Requests.ifMatch(ifMatch), new PromptCommand.SubmitPromptForReview(context.actor()),
                context, today()).map(PromptResource::ok);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed({Roles.AMBASSADOR, Roles.ADMIN})
    @APIResponse(responseCode = "200", description = "The entry, its reviewed version served", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "Not in review, or a tool of the entry is not approved for its data class (tool-not-approved, naming both)")
    @Operation(operationId = "approvePrompt", summary = "Approve the version in review (ambassador of the department or admin), if governance's approved-tools list allows every tool with its data class")
    public Uni<Response> approve(@PathParam("id") String id, @Parameter(description = IF_MATCH, schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch) {
        return prompts.approve(Requests.uuid("id", id), Requests.ifMatch(ifMatch), contexts.command(), today()).map(PromptResource::ok);
    }

    @POST
    @Path("/{id}/deprecate")
    @RolesAllowed({Roles.AMBASSADOR, Roles.ADMIN})
    @APIResponse(responseCode = "200", description = "The deprecated entry", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @Operation(operationId = "deprecatePrompt", summary = "Deprecate the entry (ambassador of the department or admin): no longer served")
    public Uni<Response> deprecate(@PathParam("id") String id, @Parameter(description = IF_MATCH, schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch,
                                   @Valid @NotNull PromptRequests.Deprecate body) {
        CommandContext context = contexts.command();
        return prompts.execute(Requests.uuid("id", id), Requests.ifMatch(ifMatch), new PromptCommand.DeprecatePrompt(context.actor(), body.reason()),
                context, today()).map(PromptResource::ok);
    }

    @POST
    @Path("/{id}/tried")
    @RolesAllowed({Roles.EMPLOYEE, Roles.APPROVER, Roles.AMBASSADOR, Roles.ADMIN})
    @APIResponse(responseCode = "200", description = "The entry with its use counted", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EntryView.class)))
    @APIResponse(responseCode = "409", description = "No version of the entry is approved, or it is deprecated")
    @APIResponse(responseCode = "422", description = "The Idempotency-Key was used for another request")
    @Operation(operationId = "tryPrompt", summary = "\"I tried it\", optionally with the minutes it saved")
    public Uni<Response> tried(@PathParam("id") String id, @Parameter(description = IDEMPOTENCY, schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200)) @HeaderParam(IdeaResource.IDEMPOTENCY_KEY) String idempotencyKey,
                               @Valid @NotNull PromptRequests.Tried body) {
        return prompts.recordUse(Requests.uuid("id", id), body.minutesSaved(), contexts.command(), IdempotentRequest.of(idempotencyKey, body), today())
                .map(PromptResource::ok);
    }

    private static Response ok(EntryView view) {
        return Response.ok(view).tag(Requests.etag(view.version())).build();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
