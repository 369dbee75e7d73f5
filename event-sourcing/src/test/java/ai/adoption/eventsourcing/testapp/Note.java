package ai.adoption.eventsourcing.testapp;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.core.RuleViolation;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.EventType;

import java.util.List;
import java.util.UUID;

/**
 * The test application's aggregate: a note that is written, revised and archived. Small on purpose;
 * it gives the shared machinery (command bus, store, projections and their rebuild, relay) a real
 * aggregate to run on inside this module, without any service's domain.
 */
public final class Note {

    public sealed interface Command {
    }

    public record Write(UUID noteId, String title, String text, String author) implements Command {
    }

    public record Revise(String title, String text) implements Command {
    }

    public record Archive(String reason) implements Command {
    }

    public sealed interface Event {
    }

    public record Written(UUID noteId, String title, String text, String author) implements Event {
    }

    public record Revised(String title, String text) implements Event {
    }

    public record Archived(String reason) implements Event {
    }

    public record State(boolean exists, boolean archived) {
    }

    public static final AggregateType<Command, Event, State> TYPE = AggregateType.of("note", new NoteDecider(),
            new EventType("note.written", 1, Written.class),
            new EventType("note.revised", 1, Revised.class),
            new EventType("note.archived", 1, Archived.class));

    private Note() {
    }

    static final class NoteDecider implements Decider<Command, Event, State> {

        @Override
        public State initialState() {
            return new State(false, false);
        }

        @Override
        public List<Event> decide(Command command, State state) {
            if (command instanceof Write w) {
                if (w.title() == null || w.title().isBlank()) {
                    throw new RuleViolation("title", "A note needs a title");
                }
                return List.of(new Written(w.noteId(), w.title(), w.text(), w.author()));
            }
            if (state.archived()) {
                throw new IllegalTransition("note", "ARCHIVED", command.getClass().getSimpleName());
            }
            if (command instanceof Revise r) {
                return List.of(new Revised(r.title(), r.text()));
            }
            return List.of(new Archived(((Archive) command).reason()));
        }

        @Override
        public State evolve(State state, Event event) {
            return event instanceof Archived ? new State(true, true) : new State(true, state.archived());
        }
    }
}
