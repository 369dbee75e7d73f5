package ai.adoption.eventsourcing.store;

import ai.adoption.eventsourcing.core.NotFound;

import com.fasterxml.jackson.annotation.JsonRawValue;

import io.quarkus.hibernate.reactive.panache.Panache;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An aggregate's full history as the audit trail shows it: every event with its type, time, actor and payload. */
@ApplicationScoped
public class EventHistory {

    /** One event of a history. {@code payload} is the event's JSON, embedded as is. */
    @Schema(requiredProperties = {"eventId", "type", "version", "occurredAt", "recordedAt", "payload"})
    public record Entry(UUID eventId, String type, long version, Instant occurredAt, Instant recordedAt,
                        @Schema(nullable = true) String actor,
                        @Schema(nullable = true) String correlationId, @Schema(nullable = true) String causationId,
                        @Schema(type = SchemaType.OBJECT, description = "The event's payload (see docs/events.md)") @JsonRawValue String payload) {
    }

    private final EventStore store;

    @Inject
    public EventHistory(EventStore store) {
        this.store = store;
    }

    /** The stream's events in order, or {@link NotFound} if the stream does not exist. */
    public Uni<List<Entry>> of(String streamType, String streamId) {
        return Panache.withSession(() -> Panache.getSession().chain(session -> store.readStream(session, streamType, streamId)))
                .map(events -> {
                    if (events.isEmpty()) {
                        throw new NotFound(streamType, streamId);
                    }
                    return events.stream()
                            .map(e -> new Entry(e.eventId(), e.cloudEventType(), e.streamVersion(), e.occurredAt(),
                                    e.recordedAt(), e.actor(), e.correlationId(), e.causationId(), e.payload()))
                            .toList();
                });
    }
}
