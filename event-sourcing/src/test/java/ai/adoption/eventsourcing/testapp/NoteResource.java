package ai.adoption.eventsourcing.testapp;

import ai.adoption.eventsourcing.command.CommandBus;
import ai.adoption.eventsourcing.command.CommandContext;
import ai.adoption.eventsourcing.command.ExpectedVersion;
import ai.adoption.eventsourcing.command.UnitOfWork;
import ai.adoption.eventsourcing.security.Roles;
import ai.adoption.eventsourcing.web.CommandContexts;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

/** The test application's commands over HTTP, as a service's resource sends them. */
@Path("/notes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.EMPLOYEE)
public class NoteResource {

    public record NoteBody(String title, String text) {
    }

    public record ArchiveBody(String reason) {
    }

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    CommandBus bus;

    @Inject
    CommandContexts contexts;

    @POST
    public Uni<Response> write(NoteBody body) {
        CommandContext context = contexts.command();
        UUID id = UUID.randomUUID();
        return unitOfWork.transact(() -> bus.execute(Note.TYPE, id.toString(), ExpectedVersion.NEW,
                        new Note.Write(id, body.title(), body.text(), context.actor().subject()), context))
                .map(result -> Response.created(URI.create("/notes/" + id))
                        .entity(Map.of("id", id.toString(), "version", result.version())).build());
    }

    @PUT
    @Path("/{id}")
    public Uni<Response> revise(@PathParam("id") UUID id, NoteBody body) {
        return handle(id, new Note.Revise(body.title(), body.text()));
    }

    @POST
    @Path("/{id}/archive")
    public Uni<Response> archive(@PathParam("id") UUID id, ArchiveBody body) {
        return handle(id, new Note.Archive(body == null ? null : body.reason()));
    }

    private Uni<Response> handle(UUID id, Note.Command command) {
        CommandContext context = contexts.command();
        return unitOfWork.transact(() -> bus.execute(Note.TYPE, id.toString(), ExpectedVersion.ANY, command, context))
                .map(result -> Response.ok(Map.of("id", id.toString(), "version", result.version())).build());
    }
}
