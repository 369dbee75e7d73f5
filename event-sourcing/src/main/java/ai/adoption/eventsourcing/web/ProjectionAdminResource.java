package ai.adoption.eventsourcing.web;

import ai.adoption.eventsourcing.projection.Projections;
import ai.adoption.eventsourcing.security.Roles;

import jakarta.annotation.security.RolesAllowed;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/**
 * Operations for admins, the same in every service: list the service's projections and rebuild one
 * from the event store ({@link Projections#rebuild}).
 */
@Path("/admin/projections")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Admin", description = "Operations for admins: rebuild read models from the event store")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
public class ProjectionAdminResource {

    private final Projections projections;

    @Inject
    public ProjectionAdminResource(Projections projections) {
        this.projections = projections;
    }

    @GET
    @Operation(operationId = "listProjections", summary = "The projections of this service")
    public List<String> list() {
        return projections.names();
    }

    @POST
    @Path("/{name}/rebuild")
    @Operation(operationId = "rebuildProjection", summary = "Rebuild a projection from the event store: in committed chunks into shadow tables, swapped in at once")
    public Uni<Rebuilt> rebuild(@PathParam("name") String name) {
        return projections.rebuild(name).map(replayed -> new Rebuilt(name, replayed));
    }

    /** What a rebuild did. */
    @Schema(requiredProperties = {"projection", "eventsReplayed"})
    public record Rebuilt(String projection, long eventsReplayed) {
    }
}
