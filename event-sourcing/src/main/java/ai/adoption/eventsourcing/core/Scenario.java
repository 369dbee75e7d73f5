package ai.adoption.eventsourcing.core;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Given/when/then for deciders, with no infrastructure: given these past events, when this command,
 * expect these new events, or this domain error. Failures are plain {@link AssertionError}s, so it
 * works with any test framework.
 *
 * <pre>{@code
 * Scenario.of(new IdeaDecider())
 *     .given(submitted)
 *     .when(new ApproveIdea(approver, null, "go"))
 *     .then(new IdeaApproved(...));
 * }</pre>
 */
public final class Scenario<C, E, S> {

    private final Decider<C, E, S> decider;
    private List<E> history = List.of();
    private C command;

    private Scenario(Decider<C, E, S> decider) {
        this.decider = decider;
    }

    public static <C, E, S> Scenario<C, E, S> of(Decider<C, E, S> decider) {
        return new Scenario<>(decider);
    }

    @SafeVarargs
    public final Scenario<C, E, S> given(E... events) {
        this.history = List.of(events);
        return this;
    }

    public Scenario<C, E, S> when(C newCommand) {
        this.command = Objects.requireNonNull(newCommand);
        return this;
    }

    /** Expects exactly these events, in this order (records compare by value). */
    @SafeVarargs
    public final List<E> then(E... expected) {
        List<E> actual = decide();
        if (!actual.equals(List.of(expected))) {
            throw new AssertionError("Expected events " + List.of(expected) + "\n but got " + actual);
        }
        return actual;
    }

    /** Expects the decision to be refused with this kind of domain error; returns it for further checks. */
    public <X extends DomainException> X thenFails(Class<X> type) {
        try {
            List<E> actual = decide();
            throw new AssertionError("Expected " + type.getSimpleName() + " but got events " + actual);
        } catch (DomainException e) {
            if (!type.isInstance(e)) {
                throw new AssertionError("Expected " + type.getSimpleName() + " but got " + e.getClass().getSimpleName()
                        + ": " + e.getMessage(), e);
            }
            return type.cast(e);
        }
    }

    /** Expects the decision to succeed and hands the events to further assertions. */
    public List<E> thenEvents(Consumer<List<E>> assertions) {
        List<E> actual = decide();
        assertions.accept(actual);
        return actual;
    }

    private List<E> decide() {
        if (command == null) {
            throw new IllegalStateException("when(command) was not called");
        }
        S state = decider.fold(history);
        List<E> events = decider.decide(command, state);
        // every decided event must be applicable: a decider that cannot evolve its own events is broken
        for (E event : events) {
            state = decider.evolve(state, event);
        }
        return events;
    }
}
