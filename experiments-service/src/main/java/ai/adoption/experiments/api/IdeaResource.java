package ai.adoption.experiments.api;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.IdempotentRequest;
import ai.adoption.eventsourcing.security.Roles;
import ai.adoption.eventsourcing.store.EventHistory;
import ai.adoption.eventsourcing.web.CommandContexts;
import ai.adoption.eventsourcing.web.Page;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.experiments.application.Aggregates;
import ai.adoption.experiments.application.ExperimentQueries;
import ai.adoption.experiments.application.IdeaService;
import ai.adoption.experiments.application.Views.IdeaView;
import ai.adoption.experiments.domain.BenefitCategory;
import ai.adoption.experiments.domain.IdeaCommand;
import ai.adoption.experiments.domain.IdeaStatus;

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
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.UUID;

/** Ideas: submit, revise, withdraw, approve, reject, and read them with their history. */
@Path("/ideas")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Ideas", description = "Submit, revise, withdraw, approve and reject AI ideas, and read them with their history")
@SecurityRequirement(name = "jwt")
public class IdeaResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final IdeaService ideas;
    private final ExperimentQueries queries;
    private final EventHistory history;
    private final CommandContexts contexts;

    @Inject
    public IdeaResource(IdeaService ideas, ExperimentQueries queries, EventHistory history, CommandContexts contexts) {
        this.ideas = ideas;
        this.queries = queries;
        this.history = history;
        this.contexts = contexts;
    }

    @POST
    @RolesAllowed(Roles.EMPLOYEE)
    @APIResponse(responseCode = "201", description = "The idea as recorded", headers = {@Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = SchemaType.STRING, format = "uri")), @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IdeaView.class)))
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field), or the Idempotency-Key was used for another request")
    @Operation(operationId = "submitIdea", summary = "Submit an idea", description = "The submitter is the token's subject. Send an Idempotency-Key to retry safely.")
    public Uni<Response> submit(@Valid @NotNull IdeaRequests.SubmitIdea body, @Parameter(description = "Makes a retry safe: the same key and body give the same result", schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200)) @HeaderParam(IDEMPOTENCY_KEY) String idempotencyKey,
                                @Context UriInfo uri) {
        CommandContext context = contexts.command();
        String department = body.department() != null ? body.department() : context.actor().department();
        IdeaCommand.SubmitIdea command = new IdeaCommand.SubmitIdea(UUID.randomUUID(), context.actor(), body.title(),
                body.problem(), body.aiTool(), body.dataClassification(), body.benefitCategory(), department);
        return ideas.submit(command, context, IdempotentRequest.of(idempotencyKey, body))
                .map(view -> Response.created(uri.getBaseUriBuilder().path("ideas").path(view.id().toString()).build())
                        .tag(Requests.etag(view.version())).entity(view).build());
    }

    @GET
    @Authenticated
    @Operation(operationId = "listIdeas", summary = "List ideas", description = "Filters: status, department, benefitCategory, submitted from/to (dates, inclusive).")
    public Uni<Page<IdeaView>> list(@Parameter(schema = @Schema(implementation = IdeaStatus.class)) @QueryParam("status") String status, @Parameter(description = "Department", schema = @Schema(type = SchemaType.STRING, maxLength = 100)) @QueryParam("department") String department,
                               @Parameter(schema = @Schema(implementation = BenefitCategory.class)) @QueryParam("benefitCategory") String benefitCategory, @Parameter(description = "Submitted on or after (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
                               @Parameter(description = "Submitted on or before (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to, @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000")) @QueryParam("page") String page, @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        return queries.ideas(new ExperimentQueries.IdeaFilter(Requests.enumValue("status", status, IdeaStatus.class),
                        Requests.text(department), Requests.enumValue("benefitCategory", benefitCategory, BenefitCategory.class),
                        Requests.date("from", from), Requests.date("to", to)),
                Requests.page(page), Requests.size(size));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @APIResponse(responseCode = "200", description = "The idea", headers = @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IdeaView.class)))
    @Operation(operationId = "getIdea", summary = "One idea; its version is the ETag")
    public Uni<Response> get(@PathParam("id") String id) {
        return queries.idea(Requests.uuid("id", id)).map(IdeaResource::ok);
    }

    @GET
    @Path("/{id}/history")
    @Authenticated
    @Operation(operationId = "getIdeaHistory", summary = "Every event of the idea with type, time, actor and payload")
    public Uni<List<EventHistory.Entry>> history(@PathParam("id") String id) {
        return history.of(Aggregates.IDEA.name(), Requests.uuid("id", id).toString());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.EMPLOYEE)
    @APIResponse(responseCode = "200", description = "The revised idea", headers = @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IdeaView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field), or the Idempotency-Key was used for another request")
    @Operation(operationId = "reviseIdea", summary = "Revise an undecided idea (submitter only)")
    public Uni<Response> revise(@PathParam("id") String id, @Parameter(description = "The ETag of the version you last read, e.g. \"3\" (strong comparison)", schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull IdeaRequests.ReviseIdea body) {
        CommandContext context = contexts.command();
        return handle(id, ifMatch, new IdeaCommand.ReviseIdea(context.actor(), body.title(), body.problem(), body.aiTool(),
                body.dataClassification(), body.benefitCategory()), context);
    }

    @POST
    @Path("/{id}/withdraw")
    @RolesAllowed(Roles.EMPLOYEE)
    @APIResponse(responseCode = "200", description = "The withdrawn idea", headers = @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IdeaView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field), or the Idempotency-Key was used for another request")
    @Operation(operationId = "withdrawIdea", summary = "Withdraw an undecided idea (submitter only)")
    public Uni<Response> withdraw(@PathParam("id") String id, @Parameter(description = "The ETag of the version you last read, e.g. \"3\" (strong comparison)", schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch,
                             @Valid IdeaRequests.WithdrawIdea body) {
        CommandContext context = contexts.command();
        return handle(id, ifMatch, new IdeaCommand.WithdrawIdea(context.actor(), body == null ? null : body.reason()), context);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed(Roles.APPROVER)
    @APIResponse(responseCode = "200", description = "The approved idea", headers = @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IdeaView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field), or the Idempotency-Key was used for another request")
    @Operation(operationId = "approveIdea", summary = "Approve an idea of your department, optionally with a funding decision")
    public Uni<Response> approve(@PathParam("id") String id, @Parameter(description = "The ETag of the version you last read, e.g. \"3\" (strong comparison)", schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch,
                            @Valid IdeaRequests.ApproveIdea body) {
        CommandContext context = contexts.command();
        IdeaRequests.ApproveIdea approval = body == null ? new IdeaRequests.ApproveIdea(null, null) : body;
        return handle(id, ifMatch, new IdeaCommand.ApproveIdea(context.actor(),
                approval.funding() == null ? null : approval.funding().toDomain(), approval.comment()), context);
    }

    @POST
    @Path("/{id}/reject")
    @RolesAllowed(Roles.APPROVER)
    @APIResponse(responseCode = "200", description = "The rejected idea", headers = @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IdeaView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field), or the Idempotency-Key was used for another request")
    @Operation(operationId = "rejectIdea", summary = "Reject an idea of your department with a reason and, optionally, its own revisit interval")
    public Uni<Response> reject(@PathParam("id") String id, @Parameter(description = "The ETag of the version you last read, e.g. \"3\" (strong comparison)", schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch,
                           @Valid @NotNull IdeaRequests.RejectIdea body) {
        CommandContext context = contexts.command();
        return handle(id, ifMatch, new IdeaCommand.RejectIdea(context.actor(), body.reason(), body.explanation(),
                revisitAfter(body.revisitAfter())), context);
    }

    private Uni<Response> handle(String id, String ifMatch, IdeaCommand command, CommandContext context) {
        UUID ideaId = Requests.uuid("id", id);
        return ideas.handle(ideaId, Requests.ifMatch(ifMatch), command, context).map(IdeaResource::ok);
    }

    /** A malformed interval is a 400 naming the field (as when it was a java.time.Period); its bounds are a rule (422). */
    private static String revisitAfter(String raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.strip().toUpperCase(java.util.Locale.ROOT);
        try {
            if (text.contains("T")) {
                java.time.Duration.parse(text);
            } else {
                java.time.Period.parse(text);
            }
        } catch (java.time.format.DateTimeParseException e) {
            throw new ai.adoption.eventsourcing.web.InvalidInput("revisitAfter",
                    "must be an ISO-8601 period or duration such as P3M, P1W or PT30S");
        }
        return text;
    }

    private static Response ok(IdeaView view) {
        return Response.ok(view).tag(Requests.etag(view.version())).build();
    }
}
