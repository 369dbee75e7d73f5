package ai.adoption.eventsourcing.core;

import java.util.List;

/**
 * The pure heart of an aggregate: given its current state, a command decides which events happen;
 * each event evolves the state. No I/O, no framework, no clock other than what the command carries.
 *
 * @param <C> the aggregate's command type
 * @param <E> the aggregate's event type
 * @param <S> the aggregate's state, folded from its events
 */
public interface Decider<C, E, S> {

    /** The state of a stream that has no events yet. */
    S initialState();

    /**
     * Decides the events a command produces, or throws a {@link DomainException} when the command
     * breaks a rule. An empty list means the command changes nothing.
     */
    List<E> decide(C command, S state);

    /** Applies one event to the state. Must accept every event {@link #decide} ever produced. */
    S evolve(S state, E event);

    /** Folds a history of events into the current state. */
    default S fold(List<? extends E> events) {
        S state = initialState();
        for (E event : events) {
            state = evolve(state, event);
        }
        return state;
    }
}
