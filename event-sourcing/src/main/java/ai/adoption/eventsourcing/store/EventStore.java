package ai.adoption.eventsourcing.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The append-only event store in PostgreSQL (table {@code es_event}), on the caller's Hibernate
 * Reactive session: appends, projections and idempotency records share one reactive transaction.
 * Native SQL is used here on purpose: the insert needs {@code RETURNING} and the {@code xid8}
 * column default, and a command's events go in as one multi-row statement.
 * <p>
 * Concurrency is optimistic: each event carries its stream version and the unique constraint on
 * (stream type, stream id, version) refuses a second writer. There is no global counter row: the
 * global position comes from an identity sequence, which never blocks writers. Updates and deletes
 * are refused by a trigger in the database.
 */
@ApplicationScoped
public class EventStore {

    static final String STREAM_VERSION_CONSTRAINT = "es_event_stream_version_uk";
    static final String UNIQUE_VIOLATION = "23505";

    /** The columns {@link #read(Object[])} expects, in order. */
    public static final String COLUMNS = "event_id, stream_type, stream_id, stream_version, event_type, schema_version, "
            + "cast(payload as text), actor, correlation_id, causation_id, occurred_at, recorded_at, global_position";

    private static final String INSERT = "insert into es_event (event_id, stream_type, stream_id, stream_version, "
            + "event_type, schema_version, payload, actor, correlation_id, causation_id, occurred_at) values ";
    private static final int PARAMETERS_PER_EVENT = 11;

    /** One event about to be appended. */
    public record NewEvent(UUID eventId, EventType type, String payloadJson, Instant occurredAt) {
    }

    /** Who caused an append and in which conversation. */
    public record Metadata(String actor, String correlationId, String causationId) {
    }

    /** All events of one stream, in version order. */
    public Uni<List<RecordedEvent<String>>> readStream(Mutiny.Session session, String streamType, String streamId) {
        return session.createNativeQuery("select " + COLUMNS + " from es_event where stream_type = ?1 and stream_id = ?2 "
                        + "order by stream_version", Object[].class)
                .setParameter(1, streamType)
                .setParameter(2, streamId)
                .getResultList()
                .map(EventStore::readAll)
                .onFailure(e -> !(e instanceof PersistenceFailure))
                .transform(e -> new PersistenceFailure("Cannot read stream " + streamType + "/" + streamId, e));
    }

    /**
     * Appends events to a stream whose current version is {@code currentVersion}, in one statement;
     * the first new event gets {@code currentVersion + 1}. Fails with {@link ConcurrencyConflict} if
     * another writer got there first.
     */
    public Uni<List<RecordedEvent<String>>> append(Mutiny.Session session, String streamType, String streamId,
                                                   long currentVersion, List<NewEvent> events, Metadata metadata) {
        StringBuilder sql = new StringBuilder(INSERT);
        for (int i = 0; i < events.size(); i++) {
            int p = i * PARAMETERS_PER_EVENT;
            sql.append(i == 0 ? "" : ", ").append('(');
            for (int j = 1; j <= PARAMETERS_PER_EVENT; j++) {
                String placeholder = "?" + (p + j);
                // jsonb from text: the reactive driver would encode a String bound to jsonb as a JSON string
                sql.append(j == 1 ? "" : ", ").append(j == 7 ? "cast(cast(" + placeholder + " as text) as jsonb)" : placeholder);
            }
            sql.append(')');
        }
        sql.append(" returning stream_version, recorded_at, global_position");
        Mutiny.SelectionQuery<Object[]> query = session.createNativeQuery(sql.toString(), Object[].class);
        long version = currentVersion;
        for (int i = 0; i < events.size(); i++) {
            NewEvent event = events.get(i);
            int p = i * PARAMETERS_PER_EVENT;
            query.setParameter(p + 1, event.eventId())
                    .setParameter(p + 2, streamType)
                    .setParameter(p + 3, streamId)
                    .setParameter(p + 4, ++version)
                    .setParameter(p + 5, event.type().name())
                    .setParameter(p + 6, event.type().schemaVersion())
                    .setParameter(p + 7, event.payloadJson())
                    .setParameter(p + 8, metadata.actor())
                    .setParameter(p + 9, metadata.correlationId())
                    .setParameter(p + 10, metadata.causationId())
                    .setParameter(p + 11, Columns.utc(event.occurredAt()));
        }
        return query.getResultList()
                .map(rows -> {
                    List<RecordedEvent<String>> recorded = new ArrayList<>(rows.size());
                    for (int i = 0; i < events.size(); i++) {
                        NewEvent event = events.get(i);
                        Object[] row = rows.get(i);
                        recorded.add(new RecordedEvent<>(event.eventId(), streamType, streamId, Columns.longValue(row[0]),
                                event.type().name(), event.type().schemaVersion(), event.payloadJson(),
                                metadata.actor(), metadata.correlationId(), metadata.causationId(),
                                event.occurredAt(), Columns.instant(row[1]), Columns.longValue(row[2])));
                    }
                    // RETURNING follows the VALUES order in practice; make the contract explicit anyway
                    recorded.sort(java.util.Comparator.comparingLong(RecordedEvent::streamVersion));
                    return recorded;
                })
                .onFailure().transform(e -> {
                    if (isStreamVersionConflict(e)) {
                        return new ConcurrencyConflict(streamType, streamId);
                    }
                    return e instanceof PersistenceFailure ? e : new PersistenceFailure("Cannot append to " + streamType + "/" + streamId, e);
                });
    }

    /**
     * One batch of the events of the given stream types after {@code afterPosition}, in append
     * order, for rebuilding projections page by page (keyset paging on the global position).
     */
    public Uni<List<RecordedEvent<String>>> readAllOfTypes(Mutiny.Session session, List<String> streamTypes,
                                                           long afterPosition, int limit) {
        return session.createNativeQuery("select " + COLUMNS + " from es_event where stream_type in (?1) "
                        + "and global_position > ?2 order by global_position limit ?3", Object[].class)
                .setParameter(1, streamTypes)
                .setParameter(2, afterPosition)
                .setParameter(3, limit)
                .getResultList()
                .map(EventStore::readAll)
                .onFailure(e -> !(e instanceof PersistenceFailure))
                .transform(e -> new PersistenceFailure("Cannot read events of " + streamTypes, e));
    }

    static boolean isStreamVersionConflict(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String state = PersistenceFailure.sqlState(t);
            if (UNIQUE_VIOLATION.equals(state) && String.valueOf(t.getMessage()).contains(STREAM_VERSION_CONSTRAINT)) {
                return true;
            }
            if (t instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())
                    && STREAM_VERSION_CONSTRAINT.equals(pg.getConstraint())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static List<RecordedEvent<String>> readAll(List<Object[]> rows) {
        List<RecordedEvent<String>> result = new ArrayList<>(rows.size());
        for (Object[] row : rows) {
            result.add(read(row));
        }
        return result;
    }

    /** Reads a JDBC row of {@link #COLUMNS}: the relay reads on its own JDBC connection. */
    public static RecordedEvent<String> read(java.sql.ResultSet rs) throws java.sql.SQLException {
        Object[] row = new Object[13];
        for (int i = 0; i < row.length; i++) {
            row[i] = rs.getObject(i + 1);
        }
        return read(row);
    }

    /** Reads a row of {@link #COLUMNS} from a native query on the reactive session. */
    public static RecordedEvent<String> read(Object[] row) {
        return new RecordedEvent<>(
                Columns.uuid(row[0]),
                Columns.text(row[1]),
                Columns.text(row[2]),
                Columns.longValue(row[3]),
                Columns.text(row[4]),
                Columns.intValue(row[5]),
                Columns.text(row[6]),
                Columns.text(row[7]),
                Columns.text(row[8]),
                Columns.text(row[9]),
                Columns.instant(row[10]),
                Columns.instant(row[11]),
                Columns.longValue(row[12]));
    }
}
