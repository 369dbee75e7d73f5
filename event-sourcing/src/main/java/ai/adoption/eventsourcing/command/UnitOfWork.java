package ai.adoption.eventsourcing.command;

import ai.adoption.eventsourcing.store.ConcurrencyConflict;
import ai.adoption.eventsourcing.store.PersistenceFailure;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.runtime.SessionOperations;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One reactive transaction around a command's whole unit of work: stream loads, appends, read-model
 * updates and the Idempotency-Key claim, all on the same Hibernate Reactive session
 * ({@link Panache#withTransaction}). When it has committed, the outbox relay is woken in-process
 * (the replacement for the JTA after-completion synchronisation); other instances learn of it
 * through LISTEN/NOTIFY or their poll.
 * <ul>
 *   <li><b>A version conflict is retried as a whole.</b> When an append meets another writer on the
 *       same stream ({@link ConcurrencyConflict}: often the system's own consumer recording something
 *       on it), the whole unit of work runs again in a fresh transaction and session: it reloads the
 *       streams and decides again on the new state (and claims its Idempotency-Key again, since the
 *       claim rolled back with it). At most {@code eventsourcing.command.max-attempts} attempts (5),
 *       with jittered exponential backoff ({@code initial-backoff} 5 ms up to {@code max-backoff}
 *       100 ms); each retry counts in {@code eventsourcing.command.retries}, a unit of work that
 *       still conflicts after the last attempt in {@code eventsourcing.command.retries.exhausted}
 *       and then answers 409. A command with {@code If-Match} is retried too, and its reload then
 *       no longer matches: 412, as before. A command that the new state forbids fails as the
 *       decider says (e.g. {@code IllegalTransition}, 409 naming the current state).</li>
 *   <li><b>Only the outermost unit of work retries.</b> Called inside a running transaction (a
 *       consumer's, say, or another unit of work's), it joins that transaction and leaves failures
 *       to its owner: {@code IdempotentEvents} retries a consumer's conflict in place. "Inside" is
 *       what Panache itself looks at: a session already open on the current Vert.x context.</li>
 *   <li><b>A commit whose outcome is unknown is never retried.</b> When the connection is lost
 *       after the work and its flush succeeded, that is during COMMIT: the transaction may have
 *       committed. That fails with {@link CommitOutcomeUnknown} (503: a retry with the same
 *       Idempotency-Key is safe); a failure before COMMIT keeps its own meaning.</li>
 * </ul>
 * A caller that cancels (a client that went away) does not cut the unit of work short: it runs to its end.
 * Every attempt runs on the caller's Vert.x duplicated context (a request's, so its request scope
 * stays), or on a fresh safe duplicated one when the caller has none: a retry resumes there after
 * its backoff rather than on the scheduler's thread.
 */
@ApplicationScoped
public class UnitOfWork {

    private static final Logger LOG = Logger.getLogger(UnitOfWork.class);
    /** The persistence unit Panache's {@code withTransaction(Supplier)} uses. */
    private static final String DEFAULT_PERSISTENCE_UNIT = "<default>";

    private final CommitSignal commitSignal;
    private final Vertx vertx;
    private final MeterRegistry meters;
    private final int maxAttempts;
    private final Duration initialBackoff;
    private final Duration maxBackoff;

    @Inject
    public UnitOfWork(CommitSignal commitSignal, Vertx vertx, MeterRegistry meters,
                      @ConfigProperty(name = "eventsourcing.command.max-attempts", defaultValue = "5") int maxAttempts,
                      @ConfigProperty(name = "eventsourcing.command.initial-backoff", defaultValue = "5ms") Duration initialBackoff,
                      @ConfigProperty(name = "eventsourcing.command.max-backoff", defaultValue = "100ms") Duration maxBackoff) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("eventsourcing.command.max-attempts must be at least 1, not " + maxAttempts);
        }
        this.commitSignal = commitSignal;
        this.vertx = vertx;
        this.meters = meters;
        this.maxAttempts = maxAttempts;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
    }

    public <T> Uni<T> transact(Supplier<Uni<T>> work) {
        return Uni.createFrom().deferred(() -> joinsOpenSession()
                ? Panache.withTransaction(work).invoke(commitSignal::committed)
                : outermost(work));
    }

    /** A read-only piece of work on a session of its own (no transaction): queries. */
    public <T> Uni<T> read(Supplier<Uni<T>> work) {
        return Panache.withSession(work);
    }

    /**
     * Whether a Hibernate Reactive session is already open on this Vert.x context, which is how
     * {@link Panache#withTransaction} decides to join rather than open its own. A session without a
     * transaction joins too: its owner holds the persistence context, which a retry would reuse stale.
     */
    static boolean joinsOpenSession() {
        if (!VertxContext.isOnDuplicatedContext()) {
            return false;
        }
        Mutiny.Session session = SessionOperations.getCurrentSession(DEFAULT_PERSISTENCE_UNIT);
        return session != null;
    }

    private <T> Uni<T> outermost(Supplier<Uni<T>> work) {
        Context context = Vertx.currentContext();
        if (context == null || !VertxContext.isDuplicatedContext(context)) {
            context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
        }
        Context onto = context;
        Executor onContext = task -> {
            if (Vertx.currentContext() == onto) {
                task.run();
            } else {
                onto.runOnContext(ignored -> task.run());
            }
        };
        AtomicInteger attempt = new AtomicInteger();
        return toTheEnd(Uni.createFrom().deferred(() -> attempt(work, attempt.incrementAndGet()))
                .runSubscriptionOn(onContext)
                .onFailure(failure -> isConflict(failure) && attempt.get() < maxAttempts).invoke(failure -> {
                    String stream = streamType(failure);
                    meters.counter("eventsourcing.command.retries", "stream", stream).increment();
                    LOG.debugf("Unit of work attempt %d of %d met a version conflict on %s, retrying: %s", attempt.get(),
                            maxAttempts, stream, failure);
                })
                .onFailure(failure -> isConflict(failure) && attempt.get() < maxAttempts).retry()
                // the predicate ends the retries; atMost only bounds them a second time
                .withBackOff(initialBackoff, maxBackoff).withJitter(0.5).atMost(maxAttempts)
                .onFailure(UnitOfWork::isConflict).invoke(failure -> {
                    meters.counter("eventsourcing.command.retries.exhausted", "stream", streamType(failure)).increment();
                    LOG.warnf("Unit of work still met a version conflict after %d attempts: %s", attempt.get(), failure);
                })
                .invoke(commitSignal::committed));
    }

    /**
     * The unit of work runs to its end even when its caller stops listening. An HTTP client that disconnects
     * (or a load generator that stops) cancels its request's {@code Uni}; cancelling a transaction half-way
     * closed its session with the transaction still open (Hibernate Reactive's HR00009, logged as an error
     * by Mutiny), and left the outcome to chance. Now the work commits or fails as it would have, and a
     * client that retries with the same Idempotency-Key gets that outcome. The transaction stays bounded by
     * the statement timeout, not by the caller's patience.
     */
    private static <T> Uni<T> toTheEnd(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }

    /** One attempt: a fresh session and transaction; a connection lost once the work has flushed is a lost COMMIT. */
    private static <T> Uni<T> attempt(Supplier<Uni<T>> work, int attempt) {
        AtomicBoolean committing = new AtomicBoolean();
        return Panache.withTransaction(() -> work.get()
                        // flush here, so that what fails after this point is the COMMIT itself
                        .call(Panache::flush)
                        .invoke(() -> committing.set(true)))
                .onFailure(failure -> committing.get() && PersistenceFailure.hasConnectionLoss(failure))
                .transform(failure -> {
                    LOG.warnf("Connection lost while committing (attempt %d); the outcome is unknown: %s", attempt, failure);
                    return new CommitOutcomeUnknown(failure);
                });
    }

    private static boolean isConflict(Throwable failure) {
        return !(failure instanceof CommitOutcomeUnknown) && PersistenceFailure.find(failure, ConcurrencyConflict.class).isPresent();
    }

    private static String streamType(Throwable failure) {
        return PersistenceFailure.find(failure, ConcurrencyConflict.class).map(ConcurrencyConflict::streamType).orElse("unknown");
    }
}
