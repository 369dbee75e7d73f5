package ai.adoption.revisit.application.scheduler;

import ai.adoption.revisit.application.VertxContexts;
import ai.adoption.revisit.domain.CaseEvent;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Fires {@code revisit.due} for every case whose due time has passed on the database's clock, exactly
 * once per cycle (see {@link DueClaims}), and otherwise sleeps until the earliest due time of a waiting case: never
 * longer than {@code maxSleep}, and woken earlier by {@link #wake(Instant)} when a nearer due time is
 * committed (in-process, or NOTIFY from another instance). Any number of schedulers may run on one
 * database, in one process or several.
 * <p>
 * A full batch is followed at once by the next; a round that fails (database away) is retried after
 * a backoff. Each round runs on a fresh Vert.x duplicated context, on its own Hibernate Reactive session.
 */
public final class DueScheduler {

    private static final Logger LOG = Logger.getLogger(DueScheduler.class);
    /** Due cases that another scheduler holds locked: look again soon, without spinning. */
    private static final long LOCKED_ELSEWHERE_MS = 50;
    /** After a wake-up that found nothing yet (its transaction may not have been visible), look once more within this. */
    private static final long FOLLOW_UP_MS = 1000;

    private final String name;
    private final Vertx vertx;
    private final DueClaims claims;
    /** Only for deciding whether a wake-up is worth a look: what is due is decided on the database's clock. */
    private final Clock clock;
    private final int batchSize;
    private final Duration maxSleep;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong fired = new AtomicLong();
    private final AtomicLong rounds = new AtomicLong();
    private volatile boolean stopped = true;
    private volatile boolean followUp;
    private volatile long timerId = -1;
    private volatile Instant plannedWake = Instant.MAX;

    public DueScheduler(String name, Vertx vertx, DueClaims claims, Clock clock, int batchSize, Duration maxSleep) {
        this.name = name;
        this.vertx = vertx;
        this.claims = claims;
        this.clock = clock;
        this.batchSize = SchedulerLifecycle.checkBatchSize(batchSize);
        this.maxSleep = maxSleep;
    }

    public String name() {
        return name;
    }

    public void start() {
        stopped = false;
        trigger();
    }

    /** Stops firing; waits (bounded) for a round in flight to finish. */
    public void stop() {
        stopped = true;
        cancelTimer();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (running.get() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public boolean isRunning() {
        return !stopped;
    }

    /** revisit.due events this scheduler has appended. */
    public long fired() {
        return fired.get();
    }

    public long rounds() {
        return rounds.get();
    }

    /** When the scheduler will next look, unless woken. */
    public Instant plannedWake() {
        return plannedWake;
    }

    /** A due time was committed: look now if it has passed or comes before the planned wake-up. */
    public void wake(Instant dueAt) {
        if (stopped) {
            return;
        }
        Instant now = clock.instant();
        if (dueAt == null || !dueAt.isAfter(now)) {
            followUp = true;
            wakeNow();
        } else if (dueAt.isBefore(plannedWake)) {
            followUp = true;
            wakeNow();   // the round plans the timer from the database's earliest due time
        }
    }

    /** Look now (e.g. the clock moved, or another instance sent NOTIFY). */
    public void wakeNow() {
        if (stopped) {
            return;
        }
        again.set(true);
        trigger();
    }

    private void trigger() {
        if (stopped || !running.compareAndSet(false, true)) {
            return;   // a round is in flight: it sees 'again' and goes round once more
        }
        cancelTimer();
        again.set(false);
        round();
    }

    private void round() {
        if (stopped) {
            running.set(false);
            return;
        }
        rounds.incrementAndGet();
        onFreshContext(() -> claims.claim(batchSize, name))
                .subscribe().with(this::afterClaim, this::afterFailure);
    }

    private void afterClaim(List<CaseEvent.CaseDue> due) {
        fired.addAndGet(due.size());
        if (!stopped && (due.size() >= batchSize || again.getAndSet(false))) {
            round();
            return;
        }
        onFreshContext(claims::untilNextDue).subscribe().with(this::plan, this::afterFailure);
    }

    /** Plans the next look from the database's answer: milliseconds until the earliest due time, or null. */
    private void plan(Long untilNextDue) {
        long delay;
        if (untilNextDue == null) {
            delay = maxSleep.toMillis();
        } else if (untilNextDue <= 0) {
            delay = LOCKED_ELSEWHERE_MS;   // due, but locked by another scheduler's batch
        } else {
            delay = Math.min(maxSleep.toMillis(), untilNextDue + 1);
        }
        if (followUp) {
            followUp = false;
            delay = Math.min(delay, FOLLOW_UP_MS);
        }
        schedule(delay);
        running.set(false);
        if (again.get()) {
            trigger();
        }
    }

    private void afterFailure(Throwable failure) {
        LOG.warnf("Revisit scheduler %s: round failed, retrying in 1 s: %s", name, failure.toString());
        schedule(1000);
        running.set(false);
    }

    private void schedule(long delayMs) {
        if (stopped) {
            return;
        }
        cancelTimer();
        plannedWake = clock.instant().plusMillis(delayMs);
        timerId = vertx.setTimer(Math.max(1, delayMs), id -> {
            timerId = -1;
            trigger();
        });
    }

    private void cancelTimer() {
        long id = timerId;
        if (id >= 0) {
            vertx.cancelTimer(id);
            timerId = -1;
        }
        plannedWake = Instant.MAX;
    }

    private <T> Uni<T> onFreshContext(java.util.function.Supplier<Uni<T>> work) {
        return VertxContexts.onFreshContext(vertx, work);
    }
}
