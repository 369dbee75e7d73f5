package ai.adoption.eventsourcing.command;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.DomainException;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.projection.Projections;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.ConcurrencyConflict;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.store.VersionMismatch;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one command against one aggregate: load its events, fold them into state, check the expected
 * version, decide, append (version checked by the unique constraint) and update the read models.
 * Every method runs on the session of the caller's reactive transaction ({@link UnitOfWork}), so
 * several {@code execute} calls in one unit of work commit or roll back together.
 */
@ApplicationScoped
public class CommandBus {

    private final EventStore store;
    private final EventCodec codec;
    private final Projections projections;
    private final MeterRegistry meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    @Inject
    public CommandBus(EventStore store, EventCodec codec, Projections projections, MeterRegistry meters) {
        this.store = store;
        this.codec = codec;
        this.projections = projections;
        this.meters = meters;
    }

    /** Loads the stream (unless it must be new), then decides and appends. */
    public <C, E, S> Uni<CommandResult<E, S>> execute(AggregateType<C, E, S> type, String streamId, ExpectedVersion expected,
                                                      C command, CommandContext context) {
        if (expected instanceof ExpectedVersion.New) {
            return decideAndAppend(type, new CommandResult<>(streamId, 0, type.decider().initialState(), List.of()),
                    expected, command, context);
        }
        return load(type, streamId)
                .onFailure(NotFound.class).invoke(e -> count(command, "rejected"))
                .chain(current -> decideAndAppend(type, current, expected, command, context));
    }

    /**
     * Decides and appends on a stream the caller has already loaded in this unit of work, so that it
     * is not read twice. A concurrent writer in between is still caught by the unique constraint.
     */
    public <C, E, S> Uni<CommandResult<E, S>> execute(AggregateType<C, E, S> type, CommandResult<E, S> current,
                                                      C command, CommandContext context) {
        return decideAndAppend(type, current, ExpectedVersion.ANY, command, context);
    }

    /**
     * Decides and appends on a stream already loaded in this unit of work, checking the caller's
     * If-Match expectation against the loaded version first (412 when stale).
     */
    public <C, E, S> Uni<CommandResult<E, S>> execute(AggregateType<C, E, S> type, CommandResult<E, S> current,
                                                      ExpectedVersion expected, C command, CommandContext context) {
        return decideAndAppend(type, current, expected, command, context);
    }

    /**
     * The stream's current state and version, or its initial state at version 0 when it has no events
     * yet: for commands that create a stream or change it (a department defined again, a person named).
     * Two first writers still meet at the unique constraint.
     */
    public <C, E, S> Uni<CommandResult<E, S>> loadOrInitial(AggregateType<C, E, S> type, String streamId) {
        return load(type, streamId).onFailure(NotFound.class)
                .recoverWithItem(() -> new CommandResult<>(streamId, 0, type.decider().initialState(), List.of()));
    }

    /** The current state and version of a stream, or {@link NotFound}. */
    public <C, E, S> Uni<CommandResult<E, S>> load(AggregateType<C, E, S> type, String streamId) {
        return Panache.getSession()
                .chain(session -> store.readStream(session, type.name(), streamId))
                .map(stored -> {
                    if (stored.isEmpty()) {
                        throw new NotFound(type.name(), streamId);
                    }
                    Decider<C, E, S> decider = type.decider();
                    List<RecordedEvent<E>> history = new ArrayList<>(stored.size());
                    S state = decider.initialState();
                    for (RecordedEvent<String> event : stored) {
                        RecordedEvent<E> decoded = codec.decode(type, event);
                        history.add(decoded);
                        state = decider.evolve(state, decoded.payload());
                    }
                    return new CommandResult<>(streamId, history.get(history.size() - 1).streamVersion(), state, history);
                });
    }

    private <C, E, S> Uni<CommandResult<E, S>> decideAndAppend(AggregateType<C, E, S> type, CommandResult<E, S> current,
                                                               ExpectedVersion expected, C command, CommandContext context) {
        List<E> decided;
        S state = current.state();
        try {
            if (expected instanceof ExpectedVersion.Exactly exactly) {
                exactly.check(current.version());
            }
            decided = type.decider().decide(command, state);
        } catch (DomainException e) {
            count(command, "rejected");
            return Uni.createFrom().failure(e);
        } catch (VersionMismatch e) {
            count(command, "conflict");
            return Uni.createFrom().failure(e);
        }
        if (decided.isEmpty()) {
            count(command, "unchanged");
            return Uni.createFrom().item(new CommandResult<>(current.streamId(), current.version(), state, List.of()));
        }
        List<EventStore.NewEvent> pending = new ArrayList<>(decided.size());
        for (E event : decided) {
            pending.add(new EventStore.NewEvent(UUID.randomUUID(), type.typeOf(event), codec.encode(event), context.now()));
            state = type.decider().evolve(state, event);
        }
        S newState = state;
        EventStore.Metadata metadata = new EventStore.Metadata(context.actor().subject(), context.correlationId(),
                context.causationId());
        return Panache.getSession()
                .chain(session -> append(session, type, current, pending, decided, metadata))
                .chain(appended -> projections.apply(type.name(), appended)
                        .replaceWith(new CommandResult<>(current.streamId(), current.version() + appended.size(), newState, appended)))
                .onItemOrFailure().invoke((result, failure) -> {
                    if (failure == null) {
                        count(command, "accepted");
                    } else {
                        count(command, failure instanceof ConcurrencyConflict ? "conflict" : "failed");
                    }
                });
    }

    private <E> Uni<List<RecordedEvent<E>>> append(Mutiny.Session session, AggregateType<?, E, ?> type,
                                                   CommandResult<E, ?> current, List<EventStore.NewEvent> pending,
                                                   List<E> decided, EventStore.Metadata metadata) {
        return store.append(session, type.name(), current.streamId(), current.version(), pending, metadata)
                .map(stored -> {
                    List<RecordedEvent<E>> appended = new ArrayList<>(stored.size());
                    for (int i = 0; i < stored.size(); i++) {
                        appended.add(stored.get(i).withPayload(decided.get(i)));
                        counter("events.appended", "type", stored.get(i).eventType()).increment();
                    }
                    return appended;
                });
    }

    private void count(Object command, String outcome) {
        counter("commands.handled", "command", command.getClass().getSimpleName(), "outcome", outcome).increment();
    }

    /** Meters are looked up once per distinct name and tags, not on every call. */
    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + '|' + String.join("|", tags), key -> meters.counter(name, tags));
    }
}
