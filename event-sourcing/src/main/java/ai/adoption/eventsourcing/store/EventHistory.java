package ai.adoption.eventsourcing.store;

import ai.adoption.eventsourcing.core.NotFound;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An aggregate's full history as the audit trail shows it: every event with its type, time, actor and payload. */
@ApplicationScoped
public class EventHistory {

    /** One event of a history. {@code payload} is the event's JSON, embedded as is. */
    public record Entry(UUID eventId, String type, long version, Instant occurredAt, Instant recordedAt, String actor,
                        String correlationId, String causationId, @JsonRawValue String payload) {
    }

    private final AgroalDataSource dataSource;
    private final EventStore store;

    @Inject
    public EventHistory(AgroalDataSource dataSource, EventStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    /** The stream's events in order, or {@link NotFound} if the stream does not exist. */
    public List<Entry> of(String streamType, String streamId) {
        List<Entry> entries = read(streamType, streamId);
        if (entries.isEmpty()) {
            throw new NotFound(streamType, streamId);
        }
        return entries;
    }

    private List<Entry> read(String streamType, String streamId) {
        try (Connection connection = dataSource.getConnection()) {
            return store.readStream(connection, streamType, streamId).stream()
                    .map(e -> new Entry(e.eventId(), e.cloudEventType(), e.streamVersion(), e.occurredAt(), e.recordedAt(),
                            e.actor(), e.correlationId(), e.causationId(), e.payload()))
                    .toList();
        } catch (SQLException e) {
            throw new PersistenceFailure("Cannot read the history of " + streamType + " " + streamId, e);
        }
    }
}
