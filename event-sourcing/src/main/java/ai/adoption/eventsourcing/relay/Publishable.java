package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;

import java.util.List;

/** A committed event as the relay reads it: the event and its writing transaction's id (as text). */
record Publishable(RecordedEvent<String> event, String transactionId) {

    /** The event's stream, as (stream type, stream id). */
    List<String> stream() {
        return List.of(event.streamType(), event.streamId());
    }
}
