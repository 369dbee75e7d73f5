package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.tracing.TraceContext;

import java.util.List;

/**
 * A committed event as the relay reads it: the event, its writing transaction's id (as text) and the
 * trace context it was appended in ({@link TraceContext#NONE} when none), which its publication continues.
 */
record Publishable(RecordedEvent<String> event, String transactionId, TraceContext trace) {

    /** The event's stream, as (stream type, stream id). */
    List<String> stream() {
        return List.of(event.streamType(), event.streamId());
    }
}
