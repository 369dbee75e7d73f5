package ai.adoption.eventsourcing.store;

import java.time.Instant;
import java.util.UUID;

/**
 * One event as the store holds it. {@code P} is the payload: the raw JSON string when read for the
 * relay or a history, or the typed domain event when decoded for a fold or a projection.
 */
public record RecordedEvent<P>(
        UUID eventId,
        String streamType,
        String streamId,
        long streamVersion,
        String eventType,
        int schemaVersion,
        P payload,
        String actor,
        String correlationId,
        String causationId,
        Instant occurredAt,
        Instant recordedAt,
        long globalPosition) {

    public <Q> RecordedEvent<Q> withPayload(Q newPayload) {
        return new RecordedEvent<>(eventId, streamType, streamId, streamVersion, eventType, schemaVersion,
                newPayload, actor, correlationId, causationId, occurredAt, recordedAt, globalPosition);
    }

    public String cloudEventType() {
        return EventType.cloudEventType(eventType, schemaVersion);
    }
}
