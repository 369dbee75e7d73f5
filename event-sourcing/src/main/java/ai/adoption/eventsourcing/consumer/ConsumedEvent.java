package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.command.CommandContext;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * A consumed event as its handler sees it: the CloudEvent, and the context of the commands it
 * causes: actor {@code system:<service>}, the event's correlation id (its own id when it carries
 * none), causation id = the event's {@code ce_id}, stamped with the consumer's clock.
 */
public record ConsumedEvent(IncomingEvent event, CommandContext context) {

    public UUID id() {
        return event.id();
    }

    public String type() {
        return event.type();
    }

    /** When the event happened (its {@code ce_time}), or now when it carries no time. */
    public Instant happenedAt() {
        return event.time() != null ? event.time() : context.now();
    }

    /** The UTC date of {@link #happenedAt()}. */
    public LocalDate happenedOn() {
        return LocalDate.ofInstant(happenedAt(), ZoneOffset.UTC);
    }
}
