package ai.adoption.eventsourcing.command;

import ai.adoption.eventsourcing.core.Actor;

import java.time.Instant;
import java.util.Objects;

/**
 * Who issues a command, in which conversation, and when. The correlation id follows a request
 * through every event and service it touches; the causation id names what directly caused the
 * events (the command id of a request, or the id of a consumed event).
 */
public record CommandContext(Actor actor, String correlationId, String causationId, Instant now) {

    public CommandContext {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(correlationId, "correlationId");
        Objects.requireNonNull(causationId, "causationId");
        Objects.requireNonNull(now, "now");
    }
}
