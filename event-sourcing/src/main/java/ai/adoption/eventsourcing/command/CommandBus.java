package ai.adoption.eventsourcing.command;

import ai.adoption.eventsourcing.core.Decider;
import ai.adoption.eventsourcing.core.DomainException;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.projection.Projections;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.ConcurrencyConflict;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.store.VersionMismatch;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Runs one command against one aggregate: load its events, fold them into state, check the expected
 * version, decide, append (version checked by the unique constraint) and update the read models,
 * all in the caller's transaction (or a new one). After commit the relay is woken. Several
 * {@code execute} calls inside one {@code @Transactional} method form one atomic unit of work.
 */
@ApplicationScoped
public class CommandBus {

    private static final Object SIGNAL_REGISTERED = new Object();

    private final AgroalDataSource dataSource;
    private final EventStore store;
    private final EventCodec codec;
    private final Projections projections;
    private final TransactionSynchronizationRegistry transactions;
    private final CommitSignal commitSignal;
    private final MeterRegistry meters;

    @Inject
    public CommandBus(AgroalDataSource dataSource, EventStore store, EventCodec codec, Projections projections,
                      TransactionSynchronizationRegistry transactions, CommitSignal commitSignal, MeterRegistry meters) {
        this.dataSource = dataSource;
        this.store = store;
        this.codec = codec;
        this.projections = projections;
        this.transactions = transactions;
        this.commitSignal = commitSignal;
        this.meters = meters;
    }

    @Transactional
    public <C, E, S> CommandResult<E, S> execute(AggregateType<C, E, S> type, String streamId, ExpectedVersion expected,
                                                 C command, CommandContext context) {
        String commandName = command.getClass().getSimpleName();
        try (Connection connection = dataSource.getConnection()) {
            Decider<C, E, S> decider = type.decider();
            List<RecordedEvent<E>> history = expected instanceof ExpectedVersion.New
                    ? List.of()
                    : load(connection, type, streamId);
            long version = history.isEmpty() ? 0 : history.get(history.size() - 1).streamVersion();
            if (version == 0 && !(expected instanceof ExpectedVersion.New)) {
                throw new NotFound(type.name(), streamId);
            }
            if (expected instanceof ExpectedVersion.Exactly exactly) {
                exactly.check(version);
            }
            S state = decider.initialState();
            for (RecordedEvent<E> event : history) {
                state = decider.evolve(state, event.payload());
            }
            List<E> decided = decider.decide(command, state);
            if (decided.isEmpty()) {
                count(commandName, "unchanged");
                return new CommandResult<>(streamId, version, state, List.of());
            }
            List<EventStore.NewEvent> pending = new ArrayList<>(decided.size());
            for (E event : decided) {
                pending.add(new EventStore.NewEvent(UUID.randomUUID(), type.typeOf(event), codec.encode(event), context.now()));
                state = decider.evolve(state, event);
            }
            List<RecordedEvent<String>> stored = store.append(connection, type.name(), streamId, version, pending,
                    new EventStore.Metadata(context.actor().subject(), context.correlationId(), context.causationId()));
            List<RecordedEvent<E>> appended = new ArrayList<>(stored.size());
            for (int i = 0; i < stored.size(); i++) {
                appended.add(stored.get(i).withPayload(decided.get(i)));
                meters.counter("events.appended", "type", stored.get(i).eventType()).increment();
            }
            projections.apply(connection, type.name(), appended);
            signalAfterCommit();
            count(commandName, "accepted");
            return new CommandResult<>(streamId, version + appended.size(), state, appended);
        } catch (DomainException e) {
            count(commandName, "rejected");
            throw e;
        } catch (ConcurrencyConflict | VersionMismatch e) {
            count(commandName, "conflict");
            throw e;
        } catch (SQLException e) {
            count(commandName, "failed");
            throw new PersistenceFailure("Cannot run " + commandName, e);
        }
    }

    /** The current state and version of a stream, or {@link NotFound}. Read-only. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public <C, E, S> CommandResult<E, S> load(AggregateType<C, E, S> type, String streamId) {
        try (Connection connection = dataSource.getConnection()) {
            List<RecordedEvent<E>> history = load(connection, type, streamId);
            if (history.isEmpty()) {
                throw new NotFound(type.name(), streamId);
            }
            S state = type.decider().fold(history.stream().map(RecordedEvent::payload).toList());
            return new CommandResult<>(streamId, history.get(history.size() - 1).streamVersion(), state, history);
        } catch (SQLException e) {
            throw new PersistenceFailure("Cannot load " + type.name() + " " + streamId, e);
        }
    }

    private <E> List<RecordedEvent<E>> load(Connection connection, AggregateType<?, E, ?> type, String streamId) {
        List<RecordedEvent<String>> stored = store.readStream(connection, type.name(), streamId);
        List<RecordedEvent<E>> events = new ArrayList<>(stored.size());
        for (RecordedEvent<String> event : stored) {
            events.add(codec.decode(type, event));
        }
        return events;
    }

    private void signalAfterCommit() {
        if (transactions.getResource(SIGNAL_REGISTERED) != null) {
            return;
        }
        transactions.putResource(SIGNAL_REGISTERED, Boolean.TRUE);
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    commitSignal.committed();
                }
            }
        });
    }

    private void count(String command, String outcome) {
        meters.counter("commands.handled", "command", command, "outcome", outcome).increment();
    }
}
