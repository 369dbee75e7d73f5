package ai.adoption.governance.api;

import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.store.EventHistory;
import ai.adoption.eventsourcing.web.CommandContexts;
import ai.adoption.eventsourcing.web.InvalidInput;
import ai.adoption.eventsourcing.web.Requests;
import ai.adoption.governance.application.Aggregates;
import ai.adoption.governance.application.DirectoryService;
import ai.adoption.governance.application.Views.DepartmentView;
import ai.adoption.governance.application.Views.PersonRef;
import ai.adoption.governance.application.Views.PersonView;
import ai.adoption.governance.domain.Access;
import ai.adoption.governance.domain.DepartmentCommand;
import ai.adoption.governance.domain.PersonCommand;

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

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/** Departments (with their effective-dated history) and persons' AI-literacy training records. */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Departments and people", description = "Departments, their director, managers and ambassadors; AI-literacy training (Article 4)")
@SecurityRequirement(name = "jwt")
public class DirectoryResource {

    private static final Pattern DEPARTMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 _.-]{0,99}");

    private final DirectoryService directory;
    private final EventHistory history;
    private final CommandContexts contexts;

    @Inject
    public DirectoryResource(DirectoryService directory, EventHistory history, CommandContexts contexts) {
        this.directory = directory;
        this.history = history;
        this.contexts = contexts;
    }

    @PUT
    @Path("departments/{id}")
    @RolesAllowed(Access.ADMIN)
    @Operation(operationId = "defineDepartment", summary = "Define a department as it is from a date (admin)",
            description = "The id is the department claim of its people's tokens. A change records its effective date and reason; "
                    + "the same definition again records nothing.")
    @APIResponse(responseCode = "201", description = "The department was created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DepartmentView.class)))
    @APIResponse(responseCode = "200", description = "The department's latest definition",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DepartmentView.class)))
    @APIResponse(responseCode = "409", description = "The department changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> define(@PathParam("id") String id, @HeaderParam("If-Match") String ifMatch,
                                @Valid @NotNull GovernanceRequests.DefineDepartment body, @Context UriInfo uri) {
        String department = department(id);
        CommandContext context = contexts.command();
        List<PersonRef> named = new ArrayList<>(GovernanceRequests.refs(body.director()));
        named.addAll(GovernanceRequests.refs(body.managers()));
        named.addAll(GovernanceRequests.refs(body.ambassadors()));
        return directory.define(Requests.ifMatch(ifMatch), new DepartmentCommand.DefineDepartment(context.actor(), department, body.name(),
                        body.director().id().strip(), GovernanceRequests.ids(body.managers()), GovernanceRequests.ids(body.ambassadors()),
                        body.reason(), body.effectiveFrom()), named, context)
                .map(defined -> (defined.created() ? Response.created(uri.getRequestUri()) : Response.ok())
                        .tag(Requests.etag(defined.department().version())).entity(defined.department()).build());
    }

    @GET
    @Path("departments")
    @Authenticated
    @Operation(operationId = "listDepartments", summary = "Every department's latest definition")
    public Uni<List<DepartmentView>> departments() {
        return directory.departments();
    }

    @GET
    @Path("departments/{id}")
    @Authenticated
    @Operation(operationId = "getDepartment", summary = "The department's definition in force on asOf (default: its latest), as recorded at knownAt")
    public Uni<DepartmentView> department(@PathParam("id") String id,
                                          @Parameter(schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("asOf") String asOf,
                                          @Parameter(description = SystemResource.KNOWN_AT, schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("knownAt") String knownAt) {
        return directory.department(department(id), Requests.date("asOf", asOf), SystemResource.known(knownAt));
    }

    @GET
    @Path("departments/{id}/history")
    @Authenticated
    @Operation(operationId = "getDepartmentHistory", summary = "Every event of the department")
    public Uni<List<EventHistory.Entry>> departmentHistory(@PathParam("id") String id) {
        return history.of(Aggregates.DEPARTMENT.name(), department(id));
    }

    @GET
    @Path("persons/{id}")
    @Authenticated
    @Operation(operationId = "getPerson", summary = "A person's display name and AI-literacy training (compliance officers, admins, the person)")
    public Uni<PersonView> person(@PathParam("id") String id) {
        String person = personId(id);
        Actor actor = contexts.actor();
        if (!Access.readsEverything(actor) && !actor.subject().equals(person)) {
            throw new AccessDenied("Only compliance officers, admins and the person themself read a person's training records");
        }
        return directory.person(person);
    }

    @POST
    @Path("persons/{id}/trainings")
    @RolesAllowed({Access.COMPLIANCE_OFFICER, Access.ADMIN})
    @Operation(operationId = "recordTraining", summary = "Record an AI-literacy training (Article 4): course, provider, completion, valid until")
    @APIResponse(responseCode = "201", description = "The person with their trainings; X-Training-Id names the new one",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PersonView.class)))
    @APIResponse(responseCode = "409", description = "The person's record changed concurrently")
    @APIResponse(responseCode = "422", description = "A business rule refused it (see errors[].field)")
    public Uni<Response> training(@PathParam("id") String id, @Valid @NotNull GovernanceRequests.Training body) {
        String person = personId(id);
        CommandContext context = contexts.command();
        UUID trainingId = UUID.randomUUID();
        return directory.recordTraining(new PersonCommand.RecordTraining(context.actor(), person, trainingId, body.course(), body.provider(),
                        body.completedOn(), body.validUntil()), body.displayName() == null ? null : new PersonRef(person, body.displayName()),
                        context)
                .map(view -> Response.status(201).header("X-Training-Id", trainingId).entity(view).build());
    }

    private static String department(String raw) {
        if (raw == null || !DEPARTMENT.matcher(raw).matches()) {
            throw new InvalidInput("id", "must be 1 to 100 letters, digits, spaces, '_', '.' or '-'");
        }
        return raw;
    }

    private static String personId(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > 200) {
            throw new InvalidInput("id", "must be a person id (their token subject) of 1 to 200 characters");
        }
        return raw;
    }
}
