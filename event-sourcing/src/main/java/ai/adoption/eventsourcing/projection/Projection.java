package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;

import io.smallrye.mutiny.Uni;

import java.util.List;

/**
 * A read model kept in PostgreSQL tables, mapped as Panache entities. It is applied on the session
 * of the command's own reactive transaction, so a client reads its own writes, and it can always be
 * rebuilt from the event store ({@link ProjectionRebuild}): every event of its {@link #sources()} is
 * applied again, in stream order, to empty copies of its {@link #tables()} in a shadow schema (its
 * entities must use unqualified table names), which then replace the live tables.
 */
public interface Projection {

    /** A stable name, used to address a rebuild. */
    String name();

    /** The aggregates whose events feed this projection. */
    List<AggregateType<?, ?, ?>> sources();

    /** The tables this projection owns, in the order they are emptied before a rebuild. */
    List<String> tables();

    /**
     * Applies one event (its payload is the typed domain event) on the current session. A row the
     * event should change but that does not exist is a bug (the read model is out of step with the
     * event store), never something to skip: fail with {@link ReadModelRows#missing}.
     */
    Uni<Void> apply(RecordedEvent<?> event);

    /**
     * Optional, for rebuilds: loads in one query the rows that a chunk of events (typed, in the order
     * they will be applied) is about to change, so that {@link #apply} finds them in the session
     * instead of reading each one (a round trip per event). Each row is then written once per chunk.
     */
    default Uni<Void> prefetch(List<? extends RecordedEvent<?>> events) {
        return Uni.createFrom().voidItem();
    }
}
