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
import ai.adoption.experiments.application.ExperimentService;
import ai.adoption.experiments.application.Views.ExperimentView;
import ai.adoption.experiments.domain.ExperimentCommand;
import ai.adoption.experiments.domain.ExperimentStatus;

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

/** Experiments: start one for an approved idea, record learnings, conclude or abandon it, and read them. */
@Path("/experiments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Experiments", description = "Time-boxed experiments of approved ideas: start, record learnings, conclude or abandon")
@SecurityRequirement(name = "jwt")
public class ExperimentResource {

    private final ExperimentService experiments;
    private final ExperimentQueries queries;
    private final EventHistory history;
    private final CommandContexts contexts;
    private final Clock clock;

    @Inject
    public ExperimentResource(ExperimentService experiments, ExperimentQueries queries, EventHistory history,
                              CommandContexts contexts, Clock clock) {
        this.experiments = experiments;
        this.queries = queries;
        this.history = history;
        this.contexts = contexts;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.APPROVER, Roles.ADMIN})
    @APIResponse(responseCode = "201", description = "The experiment as started", headers = {@Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = SchemaType.STRING, format = "uri")), @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field), or the Idempotency-Key was used for another request")
    @APIResponse(responseCode = "404", description = "No idea with this ideaId")
    @Operation(operationId = "startExperiment", summary = "Start a time-boxed experiment for an approved idea (at most one running per idea)")
    public Uni<Response> start(@Valid @NotNull ExperimentRequests.StartExperiment body,
                               @Parameter(description = "Makes a retry safe: the same key and body give the same result", schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200)) @HeaderParam(IdeaResource.IDEMPOTENCY_KEY) String idempotencyKey, @Context UriInfo uri) {
        CommandContext context = contexts.command();
        ExperimentService.StartRequest request = new ExperimentService.StartRequest(body.ideaId(), body.lead(), body.scope(),
                body.tool(), body.startDate(), body.plannedEndDate(), body.successCriteria(), body.businessUnitFunding().toDomain());
        return experiments.start(UUID.randomUUID(), request, context, IdempotentRequest.of(idempotencyKey, body), today())
                .map(view -> created(uri, view));
    }

    @GET
    @Authenticated
    @Operation(operationId = "listExperiments", summary = "List experiments", description = "Filters: status, department, overdue, started from/to (dates, inclusive).")
    public Uni<Page<ExperimentView>> list(@Parameter(schema = @Schema(implementation = ExperimentStatus.class)) @QueryParam("status") String status, @Parameter(description = "Department", schema = @Schema(type = SchemaType.STRING, maxLength = 100)) @QueryParam("department") String department,
                                     @Parameter(description = "Only overdue (true) or only on time (false)", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("overdue") String overdue, @Parameter(description = "Started on or after (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
                                     @Parameter(description = "Started on or before (inclusive)", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to, @Parameter(description = "Page number, from 0", schema = @Schema(type = SchemaType.INTEGER, minimum = "0", maximum = "100000")) @QueryParam("page") String page, @Parameter(description = "Page size", schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "100", defaultValue = "20")) @QueryParam("size") String size) {
        return queries.experiments(new ExperimentQueries.ExperimentFilter(
                        Requests.enumValue("status", status, ExperimentStatus.class), Requests.text(department),
                        Requests.bool("overdue", overdue), Requests.date("from", from), Requests.date("to", to)),
                today(), Requests.page(page), Requests.size(size));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @APIResponse(responseCode = "200", description = "The experiment", headers = @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    @Operation(operationId = "getExperiment", summary = "One experiment with its learnings; its version is the ETag")
    public Uni<Response> get(@PathParam("id") String id) {
        return queries.experiment(Requests.uuid("id", id), today()).map(ExperimentResource::ok);
    }

    @GET
    @Path("/{id}/history")
    @Authenticated
    @Operation(operationId = "getExperimentHistory", summary = "Every event of the experiment with type, time, actor and payload")
    public Uni<List<EventHistory.Entry>> history(@PathParam("id") String id) {
        return history.of(Aggregates.EXPERIMENT.name(), Requests.uuid("id", id).toString());
    }

    @POST
    @Path("/{id}/learnings")
    @RolesAllowed({Roles.EMPLOYEE, Roles.APPROVER, Roles.AMBASSADOR, Roles.ADMIN})
    @APIResponse(responseCode = "201", description = "The experiment with the new learning", headers = {@Header(name = "Location", description = "Where the new resource is", schema = @Schema(type = SchemaType.STRING, format = "uri")), @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING))}, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field), or the Idempotency-Key was used for another request")
    @Operation(operationId = "recordLearning", summary = "Record a learning while the experiment runs (lead or members of its department)")
    public Uni<Response> recordLearning(@PathParam("id") String id, @Parameter(description = "The ETag of the version you last read, e.g. \"3\" (strong comparison)", schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch,
                                   @Parameter(description = "Makes a retry safe: the same key and body give the same result", schema = @Schema(type = SchemaType.STRING, minLength = 1, maxLength = 200)) @HeaderParam(IdeaResource.IDEMPOTENCY_KEY) String idempotencyKey,
                                   @Valid @NotNull ExperimentRequests.RecordLearning body, @Context UriInfo uri) {
        UUID experimentId = Requests.uuid("id", id);
        CommandContext context = contexts.command();
        return experiments.recordLearning(experimentId, Requests.ifMatch(ifMatch),
                        new ExperimentCommand.RecordLearning(context.actor(), UUID.randomUUID(), body.category(), body.text()),
                        context, IdempotentRequest.of(idempotencyKey, body), today())
                .map(view -> created(uri, view));
    }

    @POST
    @Path("/{id}/conclude")
    @RolesAllowed({Roles.EMPLOYEE, Roles.APPROVER, Roles.ADMIN})
    @APIResponse(responseCode = "200", description = "The concluded experiment", headers = @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field), or the Idempotency-Key was used for another request")
    @Operation(operationId = "concludeExperiment", summary = "Conclude with an outcome, a recommendation and a summary (lead, approver of the department or admin)")
    public Uni<Response> conclude(@PathParam("id") String id, @Parameter(description = "The ETag of the version you last read, e.g. \"3\" (strong comparison)", schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch,
                             @Valid @NotNull ExperimentRequests.Conclude body) {
        CommandContext context = contexts.command();
        return end(id, ifMatch, new ExperimentCommand.ConcludeExperiment(context.actor(), body.outcome(),
                body.recommendation(), body.summary()), context);
    }

    @POST
    @Path("/{id}/abandon")
    @RolesAllowed({Roles.EMPLOYEE, Roles.APPROVER, Roles.ADMIN})
    @APIResponse(responseCode = "200", description = "The abandoned experiment", headers = @Header(name = "ETag", description = "Its version, for If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ExperimentView.class)))
    @APIResponse(responseCode = "409", description = "The resource is not in a state that allows this, or it changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field), or the Idempotency-Key was used for another request")
    @Operation(operationId = "abandonExperiment", summary = "Abandon a running experiment with a reason (lead, approver of the department or admin)")
    public Uni<Response> abandon(@PathParam("id") String id, @Parameter(description = "The ETag of the version you last read, e.g. \"3\" (strong comparison)", schema = @Schema(type = SchemaType.STRING, pattern = "^\"[0-9]+\"$")) @HeaderParam("If-Match") String ifMatch,
                            @Valid @NotNull ExperimentRequests.Abandon body) {
        CommandContext context = contexts.command();
        return end(id, ifMatch, new ExperimentCommand.AbandonExperiment(context.actor(), body.reason()), context);
    }

    private Uni<Response> end(String id, String ifMatch, ExperimentCommand command, CommandContext context) {
        UUID experimentId = Requests.uuid("id", id);
        return experiments.end(experimentId, Requests.ifMatch(ifMatch), command, context, today()).map(ExperimentResource::ok);
    }

    private static Response created(UriInfo uri, ExperimentView view) {
        return Response.created(uri.getBaseUriBuilder().path("experiments").path(view.id().toString()).build())
                .tag(Requests.etag(view.version())).entity(view).build();
    }

    private static Response ok(ExperimentView view) {
        return Response.ok(view).tag(Requests.etag(view.version())).build();
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
