package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.store.RecordedEvent;

import io.smallrye.mutiny.Uni;

import java.util.function.Consumer;

/**
 * The common shape of a projection's row update: one row per aggregate, keyed by the stream id,
 * loaded as a managed entity on the command's session, changed in memory and written by the
 * session's flush at commit. The row remembers the stream version it reflects (served as the ETag).
 */
public final class ReadModelRows {

    private ReadModelRows() {
    }

    /** Loads the row that {@code event} changes, applies {@code change}; fails if the row is missing. */
    public static <T> Uni<Void> update(Uni<T> row, String table, RecordedEvent<?> event, Consumer<T> change) {
        return row.map(found -> {
            if (found == null) {
                throw missing(table, event);
            }
            change.accept(found);
            return found;
        }).replaceWithVoid();
    }

    /** The read model has no row for an event's stream: it is out of step with the event store. */
    public static IllegalStateException missing(String table, RecordedEvent<?> event) {
        return new IllegalStateException("Read model " + table + " has no row for " + event.streamType() + " "
                + event.streamId() + " at version " + event.streamVersion() + " (" + event.eventType()
                + "): it is out of step with the event store; rebuild it");
    }
}
