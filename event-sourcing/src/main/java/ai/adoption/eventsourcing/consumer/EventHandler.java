package ai.adoption.eventsourcing.consumer;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;

import io.smallrye.mutiny.Uni;

/**
 * Handles one consumed event inside the consumer's reactive transaction. Whatever it writes on the
 * current Hibernate Reactive session (commands through the command bus, Panache entities) commits
 * together with the record of the event id as processed. A failed Uni rolls all of it back.
 */
@FunctionalInterface
public interface EventHandler {
    Uni<?> handle(IncomingEvent event);
}
