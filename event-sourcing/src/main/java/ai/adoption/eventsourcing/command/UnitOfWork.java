package ai.adoption.eventsourcing.command;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Supplier;

/**
 * One reactive transaction around a command's whole unit of work: stream loads, appends, read-model
 * updates and the Idempotency-Key claim, all on the same Hibernate Reactive session
 * ({@link Panache#withTransaction}). When it has committed, the outbox relay is woken in-process
 * (the replacement for the JTA after-completion synchronisation); other instances learn of it
 * through LISTEN/NOTIFY or their poll.
 * <p>
 * Called inside an already running transaction (a consumer's, say), it joins that transaction.
 */
@ApplicationScoped
public class UnitOfWork {

    private final CommitSignal commitSignal;

    @Inject
    public UnitOfWork(CommitSignal commitSignal) {
        this.commitSignal = commitSignal;
    }

    public <T> Uni<T> transact(Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(commitSignal::committed);
    }

    /** A read-only piece of work on a session of its own (no transaction): queries. */
    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return Panache.withSession(work);
    }
}
