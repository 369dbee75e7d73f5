package ai.adoption.eventsourcing.web;

import ai.adoption.eventsourcing.consumer.DeadLetterPosition;
import ai.adoption.eventsourcing.consumer.DeadLetters;
import ai.adoption.eventsourcing.consumer.DeadLetters.Selection;
import ai.adoption.eventsourcing.security.Roles;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Operations for admins, the same in every service: list the records on a consumed channel's
 * dead-letter topic and replay them into the channel's handler once the cause is fixed
 * ({@link DeadLetters}). Reading Kafka blocks, so both run on a worker thread.
 */
@Path("/admin/dead-letters")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dead letters", description = "Operations for admins: list and replay the records on a consumed channel's dead-letter topic")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.ADMIN)
public class DeadLetterAdminResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;
    static final int MAX_OFFSETS = 1000;

    private final DeadLetters deadLetters;

    @Inject
    public DeadLetterAdminResource(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GET
    @Path("/{channel}")
    @Blocking
    @Operation(operationId = "listDeadLetters",
            summary = "The records on a consumed channel's dead-letter topic, in partition:offset order, from a position")
    public DeadLetters.Page list(@PathParam("channel") String channel, @QueryParam("from") String from,
                                 @QueryParam("limit") Integer limit) {
        DeadLetterPosition start = from == null ? DeadLetterPosition.START : position("from", from);
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidInput("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return deadLetters.list(channel, start, size);
    }

    @POST
    @Path("/{channel}/replay")
    @Consumes(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(operationId = "replayDeadLetters",
            summary = "Replay dead-lettered records into the channel's handler: some offsets, a range, or all (no body); "
                    + "idempotent by ce_id")
    public DeadLetters.Report replay(@PathParam("channel") String channel, ReplayRequest request) {
        return deadLetters.replay(channel, selection(request));
    }

    /**
     * Which records to replay: {@code offsets} (positions {@code partition:offset}), or the inclusive
     * range {@code from}..{@code to} (either end may be left out), or, with neither or no body, all.
     */
    @Schema(description = "offsets, or from/to, or nothing for every record on the dead-letter topic")
    public record ReplayRequest(List<String> offsets, String from, String to) {
    }

    static Selection selection(ReplayRequest request) {
        if (request == null || (request.offsets() == null && request.from() == null && request.to() == null)) {
            return new Selection.All();
        }
        if (request.offsets() != null) {
            if (request.from() != null || request.to() != null) {
                throw new InvalidInput("offsets", "give either offsets or a from/to range, not both");
            }
            if (request.offsets().isEmpty() || request.offsets().size() > MAX_OFFSETS) {
                throw new InvalidInput("offsets", "must list between 1 and " + MAX_OFFSETS + " positions");
            }
            SortedSet<DeadLetterPosition> positions = new TreeSet<>();
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < request.offsets().size(); i++) {
                try {
                    positions.add(DeadLetterPosition.parse(request.offsets().get(i)));
                } catch (IllegalArgumentException e) {
                    errors.add(new FieldError("offsets[" + i + "]", e.getMessage()));
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
            return new Selection.Positions(positions);
        }
        DeadLetterPosition from = request.from() == null ? DeadLetterPosition.START : position("from", request.from());
        DeadLetterPosition to = request.to() == null ? null : position("to", request.to());
        if (to != null && from.compareTo(to) > 0) {
            throw new InvalidInput("to", "the range ends (" + to + ") before it starts (" + from + ")");
        }
        return new Selection.Range(from, to);
    }

    private static DeadLetterPosition position(String field, String text) {
        try {
            return DeadLetterPosition.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(field, e.getMessage());
        }
    }
}
