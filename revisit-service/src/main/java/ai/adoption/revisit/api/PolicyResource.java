package ai.adoption.revisit.api;

import ai.adoption.eventsourcing.security.Roles;
import ai.adoption.eventsourcing.store.EventHistory;
import ai.adoption.eventsourcing.web.CommandContexts;
import ai.adoption.eventsourcing.web.InvalidInput;
import ai.adoption.eventsourcing.web.Problem;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.revisit.application.Aggregates;
import ai.adoption.revisit.application.PolicyService;
import ai.adoption.revisit.domain.PolicyCommand;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A department's revisit interval, an event-sourced policy with history. Precedence: a case's own
 * interval, then its department's, then the global {@code revisit.default-interval}.
 */
@Path("/revisit-policies/{department}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Revisit policies")
@SecurityRequirement(name = "jwt")
@APIResponse(responseCode = "401", description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PolicyResource {

    private static final Pattern DEPARTMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}");

    private final PolicyService policies;
    private final EventHistory history;
    private final CommandContexts contexts;

    @Inject
    public PolicyResource(PolicyService policies, EventHistory history, CommandContexts contexts) {
        this.policies = policies;
        this.history = history;
        this.contexts = contexts;
    }

    @GET
    @Authenticated
    @Operation(operationId = "getRevisitPolicy", summary = "The department's effective interval and where it comes from (DEPARTMENT or GLOBAL)")
    @APIResponse(responseCode = "200", description = "The policy; its version is the ETag (0: the department never had one)")
    @APIResponse(responseCode = "400", description = "Malformed department",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> get(@PathParam("department") String department) {
        return policies.get(department(department)).map(view -> Response.ok(view).tag(Requests.etag(view.version())).build());
    }

    @GET
    @Path("/history")
    @Authenticated
    @Operation(operationId = "revisitPolicyHistory", summary = "Every change of the department's interval: who, when, why")
    @APIResponse(responseCode = "200", description = "The events in order")
    @APIResponse(responseCode = "404", description = "The department never had a policy of its own",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<List<EventHistory.Entry>> history(@PathParam("department") String department) {
        return history.of(Aggregates.POLICY.name(), department(department));
    }

    @PUT
    @RolesAllowed({Roles.AMBASSADOR, Roles.ADMIN})
    @Operation(operationId = "setRevisitPolicy", summary = "Set the department's interval (its ambassador, or admin)",
            description = "Reschedules the department's waiting cases that have no interval of their own, from the start of "
                    + "their cycle: a case whose new due time has passed is due at once. No other case changes.")
    @APIResponse(responseCode = "201", description = "The department's first policy")
    @APIResponse(responseCode = "200", description = "The policy changed (or already had this interval)")
    @APIResponse(responseCode = "400", description = "Malformed body or interval",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "Not an ambassador of this department nor an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "Interval outside PT1S..P5Y",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> set(@PathParam("department") String department, @HeaderParam("If-Match") String ifMatch,
                             @Valid @NotNull RevisitRequests.DepartmentInterval body, @Context UriInfo uri) {
        String dept = department(department);
        String interval = RevisitRequests.interval("interval", body.interval());
        var context = contexts.command();
        return policies.handle(dept, Requests.ifMatch(ifMatch),
                        new PolicyCommand.SetDepartmentInterval(context.actor(), dept, interval, body.reason()), context)
                .map(changed -> (changed.created() ? Response.created(uri.getRequestUri()) : Response.ok())
                        .header("X-Rescheduled-Cases", changed.rescheduled())
                        .tag(Requests.etag(changed.policy().version())).entity(changed.policy()).build());
    }

    @DELETE
    @RolesAllowed({Roles.AMBASSADOR, Roles.ADMIN})
    @Operation(operationId = "clearRevisitPolicy", summary = "Remove the department's own interval: the global default applies again")
    @APIResponse(responseCode = "200", description = "The policy now (source GLOBAL)")
    @APIResponse(responseCode = "403", description = "Not an ambassador of this department nor an admin",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The department has no interval of its own",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "If-Match is stale",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Response> clear(@PathParam("department") String department, @HeaderParam("If-Match") String ifMatch,
                               @QueryParam("reason") String reason) {
        String dept = department(department);
        var context = contexts.command();
        return policies.handle(dept, Requests.ifMatch(ifMatch),
                        new PolicyCommand.ClearDepartmentInterval(context.actor(), dept, reason), context)
                .map(changed -> Response.ok(changed.policy()).header("X-Rescheduled-Cases", changed.rescheduled())
                        .tag(Requests.etag(changed.policy().version())).build());
    }

    private static String department(String raw) {
        if (raw == null || !DEPARTMENT.matcher(raw).matches()) {
            throw new InvalidInput("department", "must be 1 to 100 letters, digits, spaces, '_', '.' or '-'");
        }
        return raw;
    }
}
