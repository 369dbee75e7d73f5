package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.command.CommitSignal;

import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Tells the schedulers that a due time was set, after the commit that set it: the schedulers of this
 * process in-process, those of other instances by {@code NOTIFY revisit_due} (sent on the pool, outside
 * any write transaction). A scheduler sleeps until its next due time; this is what wakes it earlier.
 * A consumer's transaction commits inside the shared consumer helper, so its due times wait in
 * {@link #afterCommitOf} until the next {@link CommitSignal}.
 */
@ApplicationScoped
public class DueSignal {

    public static final String CHANNEL = "revisit_due";
    private static final Logger LOG = Logger.getLogger(DueSignal.class);

    private final List<Consumer<Instant>> schedulers = new CopyOnWriteArrayList<>();
    private final AtomicReference<Instant> pending = new AtomicReference<>();
    private final CommitSignal commits;
    private final Pool pool;
    private final Clock clock;
    private final Duration maxSleep;

    @Inject
    public DueSignal(CommitSignal commits, Pool pool, Clock clock,
                     @ConfigProperty(name = "revisit.scheduler.max-sleep", defaultValue = "60s") Duration maxSleep) {
        this.commits = commits;
        this.pool = pool;
        this.clock = clock;
        this.maxSleep = maxSleep;
    }

    @PostConstruct
    void listen() {
        commits.onCommit(this::flush);
    }

    /** A scheduler of this process that wants to hear of new due times. */
    public void register(Consumer<Instant> scheduler) {
        schedulers.add(scheduler);
    }

    public void unregister(Consumer<Instant> scheduler) {
        schedulers.remove(scheduler);
    }

    /** A due time set inside a transaction that has not committed yet (a consumer's). */
    public void afterCommitOf(Instant dueAt) {
        if (dueAt != null) {
            pending.accumulateAndGet(dueAt, (a, b) -> a == null || b.isBefore(a) ? b : a);
        }
    }

    void flush() {
        Instant due = pending.getAndSet(null);
        if (due != null) {
            scheduled(due);
        }
    }

    /** A committed due time: wake the schedulers that would sleep past it. */
    public void scheduled(Instant dueAt) {
        if (dueAt == null) {
            return;
        }
        for (Consumer<Instant> scheduler : schedulers) {
            scheduler.accept(dueAt);
        }
        // other instances wake by themselves within max-sleep: only nearer due times are worth a NOTIFY
        if (dueAt.isBefore(clock.instant().plus(maxSleep))) {
            pool.query("select pg_notify('" + CHANNEL + "', '')").execute()
                    .subscribe().with(ok -> { }, e -> LOG.debugf("NOTIFY %s failed: %s", CHANNEL, e.toString()));
        }
    }
}
