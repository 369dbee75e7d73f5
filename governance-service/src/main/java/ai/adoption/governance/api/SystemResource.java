package ai.adoption.governance.api;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.IdempotentRequest;
import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.store.EventHistory;
import ai.adoption.eventsourcing.web.CommandContexts;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.governance.application.Aggregates;
import ai.adoption.governance.application.Keyset;
import ai.adoption.governance.application.RegisterQueries;
import ai.adoption.governance.application.SystemService;
import ai.adoption.governance.application.Views.Inventory;
import ai.adoption.governance.application.Views.OwnershipRecord;
import ai.adoption.governance.application.Views.OwnershipView;
import ai.adoption.governance.application.Views.SystemView;
import ai.adoption.governance.domain.Access;
import ai.adoption.governance.domain.SystemCommand;

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

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The AI-system register: register by hand, classify, record obligations and incidents, move
 * ownership (bitemporally), and read any system as of a date, as known at a time.
 */
@Path("/ai-systems")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "AI systems", description = "The register: accountable department and owner of every AI system, its AI Act classification and obligations")
@SecurityRequirement(name = "jwt")
public class SystemResource {

    static final String AS_OF = "The business date (yyyy-MM-dd); default today (UTC)";
    static final String KNOWN_AT = "As the records stood at this knowledge point (ISO-8601 with offset); default, or when later than "
            + "what is stamped so far: the stamped watermark. The answer echoes the point it used (knownAt, or the Known-At header): "
            + "asking again with it gives the same answer";
    /** The knowledge point an answer used, on answers whose body has no knownAt field. */
    static final String KNOWN_AT_HEADER = "Known-At";

    private final SystemService systems;
    private final RegisterQueries queries;
    private final EventHistory history;
    private final CommandContexts contexts;

    @Inject
    public SystemResource(SystemService systems, RegisterQueries queries, EventHistory history, CommandContexts contexts) {
        this.systems = systems;
        this.queries = queries;
        this.history = history;
        this.contexts = contexts;
    }

    @POST
    @RolesAllowed({Access.COMPLIANCE_OFFICER, Access.APPROVER})
    @Operation(operationId = "registerAiSystem", summary = "Register a system that never came through an experiment",
            description = "A compliance officer, or an approver for their own department. Send an Idempotency-Key to retry safely.")
    @APIResponse(responseCode = "201", description = "The system as registered",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SystemView.class)))
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> register(@Valid @NotNull GovernanceRequests.RegisterSystem body,
                                  @Parameter(description = "Makes a retry safe", schema = @Schema(type = SchemaType.STRING, maxLength = 200))
                                  @HeaderParam("Idempotency-Key") String idempotencyKey, @Context UriInfo uri) {
        CommandContext context = contexts.command();
        SystemCommand.RegisterSystem command = new SystemCommand.RegisterSystem(context.actor(), UUID.randomUUID(), body.name(),
                body.tool(), body.vendor(), body.purpose(), body.scope(), body.dataClassification(), body.lifecycle(),
                body.department(), body.owner().id().strip(), body.effectiveFrom());
        return systems.register(command, GovernanceRequests.refs(body.owner()), context, IdempotentRequest.of(idempotencyKey, body))
                .map(view -> Response.created(uri.getBaseUriBuilder().path("ai-systems").path(view.id().toString()).build())
                        .tag(Requests.etag(view.version())).entity(view).build());
    }

    @GET
    @Authenticated
    @Operation(operationId = "listAiSystems", summary = "The systems in use on a date, one keyset page at a time (as /inventory)",
            description = "Compliance officers and admins see every department; approvers and ambassadors their own. In (name, id) "
                    + "order, limit per page; the next page with after=next, answered at the first page's knownAt and asOf.")
    @APIResponse(responseCode = "200", description = "One page; the Link header (rel=\"next\") and next name the following one",
            headers = @Header(name = "Link", description = Paging.LINK, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Inventory.class)))
    @APIResponse(responseCode = "400", description = "A malformed asOf, knownAt, limit or after (errors[].field names it)")
    public Uni<Response> list(@Parameter(description = "Only this department's systems") @QueryParam("department") String department,
                              @Parameter(description = AS_OF, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
                              @Parameter(description = KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt,
                              @Parameter(description = Paging.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
                              @QueryParam("limit") String limit,
                              @Parameter(description = Paging.AFTER) @QueryParam("after") String after, @Context UriInfo uri) {
        String scope = Access.departmentScope(contexts.actor(), Requests.text(department));
        int size = Paging.limit(limit);
        Keyset cursor = Paging.dated(after);
        LocalDate on = Paging.asOf(cursor, Requests.date("asOf", asOf), systems.today());
        Instant known = Paging.knownAt(cursor, known(knownAt));
        return queries.inventory(on, known, scope, cursor, size).map(page -> Paging.page(page, page.next(), uri));
    }

    @GET
    @Path("/{id}")
    @Authenticated
    @Operation(operationId = "getAiSystem", summary = "One system as of a date, as known at a time: owner, lifecycle, classification, obligations, incidents")
    @APIResponse(responseCode = "200", description = "The system; its version is the ETag",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SystemView.class)))
    public Uni<Response> get(@PathParam("id") String id,
                             @Parameter(description = AS_OF, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
                             @Parameter(description = KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt) {
        UUID systemId = Requests.uuid("id", id);
        LocalDate on = date(asOf);
        Instant known = known(knownAt);
        return readable(systemId).chain(() -> queries.system(systemId, on, known))
                .map(view -> Response.ok(view).tag(Requests.etag(view.version())).build());
    }

    @GET
    @Path("/{id}/history")
    @Authenticated
    @Operation(operationId = "getAiSystemHistory", summary = "Every event of the system with type, times, actor and payload")
    public Uni<List<EventHistory.Entry>> history(@PathParam("id") String id) {
        UUID systemId = Requests.uuid("id", id);
        return readable(systemId).chain(() -> history.of(Aggregates.SYSTEM.name(), systemId.toString()));
    }

    @GET
    @Path("/{id}/ownership")
    @Authenticated
    @Operation(operationId = "getOwnership", summary = "Who owned the system on asOf, according to the records as they stood at knownAt",
            description = "asOf=2026-06-01 answers 'who owned it on June 1st?'; adding knownAt=2026-07-01T12:00:00Z answers "
                    + "'what did our records say about June 1st, as they stood on July 1st?'. Owner and department are null "
                    + "when the system was not on the register on that date, as known then.")
    public Uni<OwnershipView> ownership(@PathParam("id") String id,
                                        @Parameter(description = AS_OF, schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
                                        @Parameter(description = KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt) {
        UUID systemId = Requests.uuid("id", id);
        LocalDate on = date(asOf);
        Instant given = known(knownAt);
        return readable(systemId).chain(() -> queries.ownership(systemId, on, given));
    }

    @GET
    @Path("/{id}/ownership/history")
    @Authenticated
    @Operation(operationId = "getOwnershipHistory", summary = "The full transfer history: every registration, transfer and correction, in the order recorded")
    @APIResponse(responseCode = "200", description = "The assertions known at the point; the Known-At header names the point",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = OwnershipRecord.class)))
    public Uni<Response> ownershipHistory(@PathParam("id") String id,
                                                       @Parameter(description = KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt) {
        UUID systemId = Requests.uuid("id", id);
        Instant known = known(knownAt);
        return readable(systemId).chain(() -> queries.point(known))
                .chain(point -> queries.ownershipHistory(systemId, point)
                        .map(records -> Response.ok(records).header(KNOWN_AT_HEADER, point.toString()).build()));
    }

    @POST
    @Path("/{id}/transfers")
    @RolesAllowed({Access.COMPLIANCE_OFFICER, Access.APPROVER})
    @Operation(operationId = "transferOwnership", summary = "Move accountability to another owner (and department), effective on a date",
            description = "Within a department: its approver or a compliance officer. Between departments: a compliance officer. "
                    + "The effective date may lie in the past (a late record) or the future.")
    @APIResponse(responseCode = "201", description = "The system as of today after the transfer; X-Transfer-Id names the transfer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SystemView.class)))
    @APIResponse(responseCode = "409", description = "The system changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> transfer(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                  @Valid @NotNull GovernanceRequests.Transfer body) {
        UUID systemId = Requests.uuid("id", id);
        CommandContext context = contexts.command();
        UUID transferId = UUID.randomUUID();
        return systems.handle(systemId, Requests.ifMatch(ifMatch), new SystemCommand.TransferOwnership(context.actor(), transferId,
                                body.toDepartment(), body.toOwner().id().strip(), body.decidedBy() == null ? null : body.decidedBy().id(),
                                body.reason(), body.effectiveFrom()),
                        GovernanceRequests.refs(body.toOwner(), body.decidedBy()), context)
                .map(view -> Response.status(201).header("X-Transfer-Id", transferId).tag(Requests.etag(view.version())).entity(view).build());
    }

    @POST
    @Path("/{id}/transfers/{transferId}/corrections")
    @RolesAllowed({Access.COMPLIANCE_OFFICER, Access.APPROVER})
    @Operation(operationId = "correctOwnership", summary = "Correct what a transfer (or the registration) recorded, or cancel a transfer",
            description = "The earlier record stays in the history, superseded at the correction's recorded time: knownAt before "
                    + "the correction still answers with it.")
    @APIResponse(responseCode = "200", description = "The system as of today after the correction",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SystemView.class)))
    @APIResponse(responseCode = "409", description = "The system changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> correct(@PathParam("id") String id, @PathParam("transferId") String transferId,
                                 @HeaderParam("If-Match") String ifMatch, @Valid @NotNull GovernanceRequests.Correction body) {
        UUID systemId = Requests.uuid("id", id);
        UUID transfer = Requests.uuid("transferId", transferId);
        CommandContext context = contexts.command();
        return systems.handle(systemId, Requests.ifMatch(ifMatch), new SystemCommand.CorrectOwnership(context.actor(), transfer,
                                body.department(), body.owner() == null ? null : body.owner().id(), body.effectiveFrom(),
                                Boolean.TRUE.equals(body.cancel()), body.decidedBy() == null ? null : body.decidedBy().id(), body.reason()),
                        GovernanceRequests.refs(body.owner(), body.decidedBy()), context)
                .map(SystemResource::ok);
    }

    @POST
    @Path("/{id}/lifecycle")
    @RolesAllowed({Access.COMPLIANCE_OFFICER, Access.APPROVER})
    @Operation(operationId = "changeLifecycle", summary = "Move the system to SCALING, PRODUCTION or RETIRED, effective on a date",
            description = "The owning department's approver or a compliance officer. A system whose Article 5 screening found a "
                    + "prohibited practice can never go to SCALING or PRODUCTION (422); RETIRED is final (409).")
    @APIResponse(responseCode = "200", description = "The system as of today",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SystemView.class)))
    @APIResponse(responseCode = "409", description = "The system is retired, or changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> lifecycle(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                   @Valid @NotNull GovernanceRequests.LifecycleChange body) {
        UUID systemId = Requests.uuid("id", id);
        CommandContext context = contexts.command();
        return systems.handle(systemId, Requests.ifMatch(ifMatch), new SystemCommand.ChangeLifecycle(context.actor(), body.lifecycle(),
                body.reason(), body.effectiveFrom()), List.of(), context).map(SystemResource::ok);
    }

    @PUT
    @Path("/{id}/classification")
    @RolesAllowed(Access.COMPLIANCE_OFFICER)
    @Operation(operationId = "classifyAiSystem", summary = "Record the AI Act role, risk tier, Annex III area, Article 5 screening and Article 50 duties")
    @APIResponse(responseCode = "200", description = "The system as of today",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SystemView.class)))
    @APIResponse(responseCode = "409", description = "The system changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> classify(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                  @Valid @NotNull GovernanceRequests.Classification body) {
        UUID systemId = Requests.uuid("id", id);
        CommandContext context = contexts.command();
        return systems.handle(systemId, Requests.ifMatch(ifMatch), new SystemCommand.Classify(context.actor(), body.role(), body.riskTier(),
                body.annexIIIArea(), body.screening(), body.transparencyDuties(), body.reason(), body.effectiveFrom()), List.of(), context)
                .map(SystemResource::ok);
    }

    @PUT
    @Path("/{id}/obligations")
    @RolesAllowed(Access.COMPLIANCE_OFFICER)
    @Operation(operationId = "recordObligations", summary = "Record the deployer's obligations: oversight persons, worker information, "
            + "log retention, FRIA, EU-database registration")
    @APIResponse(responseCode = "200", description = "The system as of today",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SystemView.class)))
    @APIResponse(responseCode = "409", description = "The system changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> obligations(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                     @Valid @NotNull GovernanceRequests.Obligations body) {
        UUID systemId = Requests.uuid("id", id);
        CommandContext context = contexts.command();
        return systems.handle(systemId, Requests.ifMatch(ifMatch), new SystemCommand.RecordObligations(context.actor(),
                        GovernanceRequests.ids(body.oversightPersons()), body.workersInformedOn(), body.logRetentionMonths(),
                        body.friaStatus(), body.friaSummary(), body.euRegistrationApplies(), body.euDatabaseRef(), body.effectiveFrom()),
                GovernanceRequests.refs(body.oversightPersons()), context).map(SystemResource::ok);
    }

    @POST
    @Path("/{id}/incidents")
    @RolesAllowed(Access.COMPLIANCE_OFFICER)
    @Operation(operationId = "recordIncident", summary = "Log an incident: what happened, when, whether serious, when the provider and authority were told")
    @APIResponse(responseCode = "201", description = "The system as of today, with the incident; X-Incident-Id names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SystemView.class)))
    @APIResponse(responseCode = "409", description = "The system changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> incident(@PathParam("id") String id, @Valid @NotNull GovernanceRequests.Incident body) {
        UUID systemId = Requests.uuid("id", id);
        CommandContext context = contexts.command();
        UUID incidentId = UUID.randomUUID();
        return systems.handle(systemId, Requests.ifMatch(null), new SystemCommand.RecordIncident(context.actor(), incidentId, body.summary(),
                        body.occurredAt(), body.serious(), body.providerInformedAt(), body.authorityInformedAt()), List.of(), context)
                .map(view -> Response.status(201).header("X-Incident-Id", incidentId).tag(Requests.etag(view.version())).entity(view).build());
    }

    @POST
    @Path("/{id}/incidents/{incidentId}/notifications")
    @RolesAllowed(Access.COMPLIANCE_OFFICER)
    @Operation(operationId = "recordIncidentNotifications", summary = "Record when the provider and/or the authority were told of an incident")
    @APIResponse(responseCode = "200", description = "The system as of today",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SystemView.class)))
    @APIResponse(responseCode = "409", description = "The system changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> notified(@PathParam("id") String id, @PathParam("incidentId") String incidentId,
                                  @Valid @NotNull GovernanceRequests.IncidentNotifications body) {
        UUID systemId = Requests.uuid("id", id);
        UUID incident = Requests.uuid("incidentId", incidentId);
        CommandContext context = contexts.command();
        return systems.handle(systemId, Requests.ifMatch(null), new SystemCommand.RecordIncidentNotifications(context.actor(), incident,
                body.providerInformedAt(), body.authorityInformedAt()), List.of(), context).map(SystemResource::ok);
    }

    /** 403 unless the caller reads everything or belongs to the department that owns the system today. */
    private Uni<Void> readable(UUID systemId) {
        Actor actor = contexts.actor();
        if (Access.readsEverything(actor)) {
            return Uni.createFrom().voidItem();
        }
        return queries.departmentToday(systemId, systems.today()).invoke(department -> {
            if (!Access.readsDepartment(actor, department)) {
                throw new AccessDenied("Only compliance officers and admins, or approvers and ambassadors of the owning department, read this system");
            }
        }).replaceWithVoid();
    }

    private LocalDate date(String raw) {
        LocalDate date = Requests.date("asOf", raw);
        return date != null ? date : systems.today();
    }

    /** The caller's knownAt, or null: the queries answer at the stamped watermark then. */
    static Instant known(String raw) {
        return Requests.instant("knownAt", raw);
    }

    private static Response ok(SystemView view) {
        return Response.ok(view).tag(Requests.etag(view.version())).build();
    }
}
