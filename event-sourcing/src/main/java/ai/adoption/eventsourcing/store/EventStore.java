package ai.adoption.eventsourcing.store;

import jakarta.enterprise.context.ApplicationScoped;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The append-only event store in PostgreSQL (table {@code es_event}). Every method works on the
 * caller's connection, so appends, projections and idempotency records share one transaction.
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

    /** The columns {@link #read(ResultSet)} expects, in order. */
    public static final String COLUMNS = "event_id, stream_type, stream_id, stream_version, event_type, schema_version, "
            + "payload::text, actor, correlation_id, causation_id, occurred_at, recorded_at, global_position";

    private static final String INSERT = "insert into es_event (event_id, stream_type, stream_id, stream_version, "
            + "event_type, schema_version, payload, actor, correlation_id, causation_id, occurred_at) "
            + "values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?) returning recorded_at, global_position";

    /** One event about to be appended. */
    public record NewEvent(UUID eventId, EventType type, String payloadJson, Instant occurredAt) {
    }

    /** Who caused an append and in which conversation. */
    public record Metadata(String actor, String correlationId, String causationId) {
    }

    /** All events of one stream, in version order. */
    public List<RecordedEvent<String>> readStream(Connection connection, String streamType, String streamId) {
        String sql = "select " + COLUMNS + " from es_event where stream_type = ? and stream_id = ? order by stream_version";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setString(1, streamType);
            ps.setString(2, streamId);
            return readAll(ps);
        } catch (SQLException e) {
            throw new PersistenceFailure("Cannot read stream " + streamType + "/" + streamId, e);
        }
    }

    /**
     * Appends events to a stream whose current version is {@code currentVersion}; the first new event
     * gets {@code currentVersion + 1}. Throws {@link ConcurrencyConflict} if another writer got there first.
     */
    public List<RecordedEvent<String>> append(Connection connection, String streamType, String streamId,
                                              long currentVersion, List<NewEvent> events, Metadata metadata) {
        List<RecordedEvent<String>> recorded = new ArrayList<>(events.size());
        try (PreparedStatement ps = connection.prepareStatement(INSERT)) {
            long version = currentVersion;
            for (NewEvent event : events) {
                version++;
                ps.setObject(1, event.eventId());
                ps.setString(2, streamType);
                ps.setString(3, streamId);
                ps.setLong(4, version);
                ps.setString(5, event.type().name());
                ps.setInt(6, event.type().schemaVersion());
                ps.setString(7, event.payloadJson());
                ps.setString(8, metadata.actor());
                ps.setString(9, metadata.correlationId());
                ps.setString(10, metadata.causationId());
                ps.setTimestamp(11, Timestamp.from(event.occurredAt()));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    recorded.add(new RecordedEvent<>(event.eventId(), streamType, streamId, version,
                            event.type().name(), event.type().schemaVersion(), event.payloadJson(),
                            metadata.actor(), metadata.correlationId(), metadata.causationId(),
                            event.occurredAt(), rs.getTimestamp(1).toInstant(), rs.getLong(2)));
                }
            }
            return recorded;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState()) && String.valueOf(e.getMessage()).contains(STREAM_VERSION_CONSTRAINT)) {
                throw new ConcurrencyConflict(streamType, streamId);
            }
            throw new PersistenceFailure("Cannot append to " + streamType + "/" + streamId, e);
        }
    }

    /** Every event of the given stream types in append order, for rebuilding projections. */
    public void readAllOfTypes(Connection connection, List<String> streamTypes, java.util.function.Consumer<RecordedEvent<String>> sink) {
        String sql = "select " + COLUMNS + " from es_event where stream_type = any (?) order by global_position";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setArray(1, connection.createArrayOf("text", streamTypes.toArray()));
            ps.setFetchSize(500);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sink.accept(read(rs));
                }
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("Cannot read events of " + streamTypes, e);
        }
    }

    static List<RecordedEvent<String>> readAll(PreparedStatement ps) throws SQLException {
        List<RecordedEvent<String>> result = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                result.add(read(rs));
            }
        }
        return result;
    }

    public static RecordedEvent<String> read(ResultSet rs) throws SQLException {
        return new RecordedEvent<>(
                rs.getObject(1, UUID.class),
                rs.getString(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getString(5),
                rs.getInt(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getString(10),
                rs.getTimestamp(11).toInstant(),
                rs.getTimestamp(12).toInstant(),
                rs.getLong(13));
    }
}
