package ai.adoption.eventsourcing.command;

import ai.adoption.eventsourcing.store.RecordedEvent;

import java.util.List;

/** The outcome of an accepted command: the stream's new version and state, and what was appended. */
public record CommandResult<E, S>(String streamId, long version, S state, List<RecordedEvent<E>> events) {
}
