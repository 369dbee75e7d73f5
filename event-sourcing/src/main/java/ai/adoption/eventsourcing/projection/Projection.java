package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A read model kept in PostgreSQL tables. It is applied in the same transaction as the append, so a
 * client reads its own writes, and it can always be rebuilt from the event store: {@link #reset}
 * empties its tables and every event of its {@link #sources()} is applied again in append order.
 */
public interface Projection {

    /** A stable name, used to address a rebuild. */
    String name();

    /** The aggregates whose events feed this projection. */
    List<AggregateType<?, ?, ?>> sources();

    /** Applies one event (its payload is the typed domain event) using the caller's connection. */
    void apply(Connection connection, RecordedEvent<?> event) throws SQLException;

    /** Deletes every row this projection owns, before a rebuild. */
    void reset(Connection connection) throws SQLException;
}
