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

    /**
     * Whether this handler acts on events of {@code type} ({@code ce_type}). An event it does not act
     * on is acknowledged without a transaction and without a processed-event mark: ignoring is
     * idempotent by itself. Default: every type.
     */
    default boolean handles(String type) {
        return true;
    }
}
