package ai.adoption.eventsourcing.store;

import ai.adoption.eventsourcing.tracing.TraceContext;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The append-only event store in PostgreSQL (table {@code es_event}), on the caller's Hibernate
 * Reactive session: appends, projections and idempotency records share one reactive transaction.
 * Native SQL is used here on purpose: the insert needs {@code RETURNING} and the {@code xid8}
 * column default. Every writer (a command's events, the revisit scheduler's batch across thousands
 * of streams) goes through {@link #appendBatch}: one statement of constant text with one array per
 * column, so it is parsed and planned once whatever the batch size.
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

    /**
     * The one append statement, for one event or ten thousand across many streams: each column is one
     * array parameter, so the text (and the server's prepared statement) never depends on the batch
     * size. Payloads go in as text and are cast to jsonb (a String bound to jsonb would be stored as a
     * JSON string); occurrence times as ISO-8601 text cast to timestamptz, because Hibernate hands a
     * timestamptz array to the reactive driver as {@code Instant[]}, which it cannot encode.
     * {@code with ordinality} keeps the batch's order for the identity column, so a stream's
     * events get increasing global positions in version order. {@code traceparent} / {@code tracestate}
     * are the trace context current at the append ({@link TraceContext#current()}: the request's span,
     * or the consumed event's), which the relay continues when it publishes the event.
     */
    static final String APPEND = "insert into es_event (event_id, stream_type, stream_id, stream_version, event_type, "
            + "schema_version, payload, actor, correlation_id, causation_id, occurred_at, traceparent, tracestate) "
            + "select e.event_id, e.stream_type, e.stream_id, e.stream_version, e.event_type, e.schema_version, "
            + "cast(e.payload as jsonb), e.actor, e.correlation_id, e.causation_id, cast(e.occurred_at as timestamptz), "
            + "e.traceparent, e.tracestate "
            + "from unnest(cast(?1 as uuid[]), cast(?2 as text[]), cast(?3 as text[]), cast(?4 as bigint[]), cast(?5 as text[]), "
            + "cast(?6 as integer[]), cast(?7 as text[]), cast(?8 as text[]), cast(?9 as text[]), cast(?10 as text[]), "
            + "cast(?11 as text[]), cast(?12 as text[]), cast(?13 as text[])) with ordinality as e(event_id, stream_type, "
            + "stream_id, stream_version, event_type, schema_version, payload, actor, correlation_id, causation_id, "
            + "occurred_at, traceparent, tracestate, n) "
            + "order by e.n "
            + "returning event_id, recorded_at, global_position";

    /** One event about to be appended. */
    public record NewEvent(UUID eventId, EventType type, String payloadJson, Instant occurredAt) {
    }

    /** Who caused an append and in which conversation. */
    public record Metadata(String actor, String correlationId, String causationId) {
    }

    /** One event of a batch append: the stream it goes to and the version it takes there. */
    public record Appending(String streamType, String streamId, long streamVersion, NewEvent event, Metadata metadata) {
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
     * Appends events to a stream whose current version is {@code currentVersion}; the first new
     * event gets {@code currentVersion + 1}. Fails with {@link ConcurrencyConflict} if another writer
     * got there first. One {@link #appendBatch} underneath.
     */
    public Uni<List<RecordedEvent<String>>> append(Mutiny.Session session, String streamType, String streamId,
                                                   long currentVersion, List<NewEvent> events, Metadata metadata) {
        List<Appending> batch = new ArrayList<>(events.size());
        long version = currentVersion;
        for (NewEvent event : events) {
            batch.add(new Appending(streamType, streamId, ++version, event, metadata));
        }
        return appendBatch(session, batch);
    }

    /**
     * Appends events to any number of streams in one statement ({@link #APPEND}), each at the version
     * it names, and answers them as recorded, in the batch's order: the rows {@code RETURNING} gives
     * back are matched to the events by event id, not by position. Fails with
     * {@link ConcurrencyConflict} if another writer took one of those versions first: then nothing of
     * the batch is appended. The conflict names the batch's first stream: Hibernate Reactive passes on
     * the constraint's name but not its detail (which key), and a multi-stream writer (the scheduler)
     * retries its whole batch anyway.
     */
    public Uni<List<RecordedEvent<String>>> appendBatch(Mutiny.Session session, List<Appending> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int size = batch.size();
        UUID[] ids = new UUID[size];
        String[] streamTypes = new String[size];
        String[] streamIds = new String[size];
        Long[] versions = new Long[size];
        String[] eventTypes = new String[size];
        Integer[] schemaVersions = new Integer[size];
        String[] payloads = new String[size];
        String[] actors = new String[size];
        String[] correlations = new String[size];
        String[] causations = new String[size];
        String[] occurred = new String[size];
        String[] traceparents = new String[size];
        String[] tracestates = new String[size];
        TraceContext trace = TraceContext.current();
        for (int i = 0; i < size; i++) {
            Appending a = batch.get(i);
            ids[i] = a.event().eventId();
            streamTypes[i] = a.streamType();
            streamIds[i] = a.streamId();
            versions[i] = a.streamVersion();
            eventTypes[i] = a.event().type().name();
            schemaVersions[i] = a.event().type().schemaVersion();
            payloads[i] = a.event().payloadJson();
            actors[i] = a.metadata().actor();
            correlations[i] = a.metadata().correlationId();
            causations[i] = a.metadata().causationId();
            occurred[i] = atStorePrecision(a.event().occurredAt()).toString();
            traceparents[i] = trace.traceparent();
            tracestates[i] = trace.tracestate();
        }
        return session.createNativeQuery(APPEND, Object[].class)
                .setParameter(1, ids)
                .setParameter(2, streamTypes)
                .setParameter(3, streamIds)
                .setParameter(4, versions)
                .setParameter(5, eventTypes)
                .setParameter(6, schemaVersions)
                .setParameter(7, payloads)
                .setParameter(8, actors)
                .setParameter(9, correlations)
                .setParameter(10, causations)
                .setParameter(11, occurred)
                .setParameter(12, traceparents)
                .setParameter(13, tracestates)
                .getResultList()
                .map(rows -> recorded(batch, rows))
                .onFailure().transform(e -> {
                    if (isStreamVersionConflict(e)) {
                        return new ConcurrencyConflict(batch.get(0).streamType(), batch.get(0).streamId());
                    }
                    return e instanceof PersistenceFailure ? e : new PersistenceFailure("Cannot append " + describe(batch), e);
                });
    }

    /** The batch as recorded, in its own order, each event with the row returned for its id. */
    static List<RecordedEvent<String>> recorded(List<Appending> batch, List<Object[]> rows) {
        Map<UUID, Object[]> byId = new HashMap<>(rows.size() * 2);
        for (Object[] row : rows) {
            byId.put(Columns.uuid(row[0]), row);
        }
        List<RecordedEvent<String>> recorded = new ArrayList<>(batch.size());
        for (Appending a : batch) {
            NewEvent event = a.event();
            Object[] row = byId.get(event.eventId());
            if (row == null) {
                throw new PersistenceFailure("The append returned no row for event " + event.eventId(), null);
            }
            Metadata m = a.metadata();
            recorded.add(new RecordedEvent<>(event.eventId(), a.streamType(), a.streamId(), a.streamVersion(),
                    event.type().name(), event.type().schemaVersion(), event.payloadJson(), m.actor(), m.correlationId(),
                    m.causationId(), event.occurredAt(), Columns.instant(row[1]), Columns.longValue(row[2])));
        }
        return recorded;
    }

    private static String describe(List<Appending> batch) {
        Appending first = batch.get(0);
        return batch.size() == 1 || batch.stream().allMatch(a -> a.streamId().equals(first.streamId())
                && a.streamType().equals(first.streamType()))
                ? "to " + first.streamType() + "/" + first.streamId()
                : batch.size() + " events to " + first.streamType() + "/" + first.streamId() + " and other streams";
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

    /**
     * The instant truncated to microseconds, as the reactive driver truncates an {@code Instant} bound to
     * a read-model column: PostgreSQL rounds text input instead, so a time with sub-microsecond digits
     * would otherwise be stored one microsecond apart in the event and in the live read model, and a
     * rebuild would not reproduce the live rows.
     */
    static Instant atStorePrecision(Instant instant) {
        return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
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
