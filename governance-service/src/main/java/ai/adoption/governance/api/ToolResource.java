package ai.adoption.governance.api;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.store.EventHistory;
import ai.adoption.eventsourcing.web.CommandContexts;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.governance.application.Aggregates;
import ai.adoption.governance.application.ToolService;
import ai.adoption.governance.application.FindingQueries;
import ai.adoption.governance.application.Keyset;
import ai.adoption.governance.application.Views.FindingPage;
import ai.adoption.governance.application.Views.ToolView;
import ai.adoption.governance.domain.Access;
import ai.adoption.governance.domain.ApprovedTool;
import ai.adoption.governance.domain.ToolCommand;

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

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The approved-tools list (admins decide, everyone reads) and the findings it raised on ideas. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Approved tools", description = "Which tools are approved, for which data classes, and the findings on ideas that break the list")
@SecurityRequirement(name = "jwt")
public class ToolResource {

    private final ToolService tools;
    private final FindingQueries findings;
    private final EventHistory history;
    private final CommandContexts contexts;

    @Inject
    public ToolResource(ToolService tools, FindingQueries findings, EventHistory history, CommandContexts contexts) {
        this.tools = tools;
        this.findings = findings;
        this.history = history;
        this.contexts = contexts;
    }

    @POST
    @Path("approved-tools")
    @RolesAllowed(Access.ADMIN)
    @Operation(operationId = "approveTool", summary = "Approve a tool for data classes, from a date (and until one)",
            description = "Approving a tool already on the list replaces its terms. revisit-service brings forward the open cases "
                    + "rejected with TOOL_NOT_APPROVED for this tool.")
    @APIResponse(responseCode = "200", description = "The tool's approval",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ToolView.class)))
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> approve(@Valid @NotNull GovernanceRequests.ApproveTool body, @Context UriInfo uri) {
        CommandContext context = contexts.command();
        UUID toolId = ApprovedTool.idFor(body.tool());
        return tools.approve(new ToolCommand.ApproveTool(context.actor(), toolId, body.tool(), body.vendor(), body.allowedDataClasses(),
                        body.validFrom(), body.validUntil(), body.note()), context)
                .map(view -> Response.ok(view).location(uri.getBaseUriBuilder().path("approved-tools").path(toolId.toString()).build())
                        .tag(Requests.etag(view.version())).build());
    }

    @GET
    @Path("approved-tools")
    @Authenticated
    @Operation(operationId = "listApprovedTools", summary = "The approved-tools list, with each tool's allowed data classes and validity")
    public Uni<List<ToolView>> list() {
        return tools.tools();
    }

    @GET
    @Path("approved-tools/{id}")
    @Authenticated
    @Operation(operationId = "getApprovedTool", summary = "One tool's approval; its version is the ETag")
    @APIResponse(responseCode = "200", description = "The tool",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ToolView.class)))
    public Uni<Response> get(@PathParam("id") String id) {
        return tools.tool(Requests.uuid("id", id)).map(view -> Response.ok(view).tag(Requests.etag(view.version())).build());
    }

    @GET
    @Path("approved-tools/{id}/history")
    @Authenticated
    @Operation(operationId = "getApprovedToolHistory", summary = "Every approval and revocation of the tool")
    public Uni<List<EventHistory.Entry>> toolHistory(@PathParam("id") String id) {
        return history.of(Aggregates.TOOL.name(), Requests.uuid("id", id).toString());
    }

    @POST
    @Path("approved-tools/{id}/revocation")
    @RolesAllowed(Access.ADMIN)
    @Operation(operationId = "revokeTool", summary = "End the tool's approval on a date")
    @APIResponse(responseCode = "200", description = "The tool",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ToolView.class)))
    @APIResponse(responseCode = "409", description = "Not approved, already revoked, or changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> revoke(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull GovernanceRequests.Revocation body) {
        UUID toolId = Requests.uuid("id", id);
        CommandContext context = contexts.command();
        return tools.revoke(toolId, Requests.ifMatch(ifMatch), new ToolCommand.RevokeTool(context.actor(), body.revokedOn(), body.reason()),
                context).map(view -> Response.ok(view).tag(Requests.etag(view.version())).build());
    }

    @GET
    @Path("findings")
    @Authenticated
    @Operation(operationId = "listFindings", summary = "Findings on ideas that break the approved-tools list, newest first, one keyset page at a time",
            description = "Compliance officers and admins see every department; approvers and ambassadors their own. As known at "
                    + "knownAt: a finding is listed once it is known, and resolved once its resolution is. In (raisedAt, findingId) "
                    + "descending order, limit per page; the next page with after=next, answered at the first page's knownAt.")
    @APIResponse(responseCode = "200", description = "One page; the Link header (rel=\"next\") and next name the following one",
            headers = @Header(name = "Link", description = Paging.LINK, schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FindingPage.class)))
    @APIResponse(responseCode = "400", description = "A malformed ideaId, knownAt, limit or after (errors[].field names it)")
    public Uni<Response> findings(@Parameter(description = "Only this idea's findings") @QueryParam("ideaId") String ideaId,
                                  @Parameter(description = "Only this department's findings") @QueryParam("department") String department,
                                  @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time"))
                                  @QueryParam("knownAt") String knownAt,
                                  @Parameter(description = Paging.LIMIT, schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "500", defaultValue = "100"))
                                  @QueryParam("limit") String limit,
                                  @Parameter(description = Paging.AFTER) @QueryParam("after") String after, @Context UriInfo uri) {
        String scope = Access.departmentScope(contexts.actor(), Requests.text(department));
        UUID idea = ideaId == null ? null : Requests.uuid("ideaId", ideaId);
        int size = Paging.limit(limit);
        Keyset cursor = Paging.after(after, c -> c.asOf() == null && FindingQueries.resumesAt(c) != null);
        Instant known = Paging.knownAt(cursor, SystemResource.known(knownAt));
        return findings.findings(idea, scope, known, cursor, size).map(page -> Paging.page(page, page.next(), uri));
    }
}
