package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.core.IllegalTransition;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.eventsourcing.store.RecordedEvent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Rebuilds a projection from the event store in bounded memory, without holding the cluster's xmin
 * horizon, while commands go on changing the live tables.
 * <ol>
 * <li>Empty copies of the projection's tables are created in a shadow schema ({@link ShadowTables}).</li>
 * <li>Chunks: the events below the xmin gate are replayed in (transaction id, position) order
 * ({@link ReplayCursor}), {@code chunk-size} events per short transaction whose {@code search_path}
 * puts the shadow schema first, so the projection's unqualified tables are the copies. The session is
 * flushed (each row written once per chunk, however many of the chunk's events change it) and cleared
 * per chunk. Events that commit late with a lower position are never skipped: their transaction id is
 * above the gate until they commit. A loop on a worker thread drives the chunks, not a chain of Unis.</li>
 * <li>When a chunk comes back short the copies are vacuumed and analysed, then one short transaction
 * takes the live tables in ACCESS EXCLUSIVE mode (so that no command still writes them; a command that
 * read a row before keeps its lock and finishes first), replays the tail (everything committed beyond
 * the cursor: above the gate, or since the last chunk) and swaps the copies in. A command blocked by
 * that lock applies its event to the swapped-in table when it resumes. If the lock is not granted
 * within {@code swap-lock-timeout} the rebuild catches up again and retries.</li>
 * </ol>
 * Progress is logged and counted in {@code eventsourcing.projection.rebuild.events} (tag {@code projection}).
 */
@ApplicationScoped
public class ProjectionRebuild {

    private static final Logger LOG = Logger.getLogger(ProjectionRebuild.class);
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(10);
    /** Rounds of chunks before the swap: the first replays the history, the next what committed meanwhile. */
    private static final int MAX_ROUNDS = 3;
    private static final int WRITE_BATCH = 100;

    private final Pool pool;
    private final EventCodec codec;
    private final MeterRegistry meters;
    private final int chunkSize;
    private final Duration swapLockTimeout;
    private final int swapAttempts;
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    @Inject
    public ProjectionRebuild(Pool pool, EventCodec codec, MeterRegistry meters,
                             @ConfigProperty(name = "eventsourcing.projection.rebuild.chunk-size", defaultValue = "1000") int chunkSize,
                             @ConfigProperty(name = "eventsourcing.projection.rebuild.swap-lock-timeout", defaultValue = "5s") Duration swapLockTimeout,
                             @ConfigProperty(name = "eventsourcing.projection.rebuild.swap-attempts", defaultValue = "5") int swapAttempts) {
        if (chunkSize < 1 || chunkSize > 100_000) {
            throw new IllegalArgumentException("eventsourcing.projection.rebuild.chunk-size must be 1..100000, not " + chunkSize);
        }
        this.pool = pool;
        this.codec = codec;
        this.meters = meters;
        this.chunkSize = chunkSize;
        this.swapLockTimeout = swapLockTimeout;
        this.swapAttempts = Math.max(1, swapAttempts);
    }

    /** Rebuilds {@code projection} on a worker thread; answers the number of events replayed. */
    public Uni<Long> rebuild(Projection projection) {
        return Uni.createFrom().item(() -> run(projection)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private long run(Projection projection) {
        if (!running.add(projection.name())) {
            throw new IllegalTransition("projection " + projection.name(), "REBUILDING", "rebuild");
        }
        try {
            return new Run(projection).execute();
        } finally {
            running.remove(projection.name());
        }
    }

    /** One rebuild: its cursor, its shadow tables and its progress. */
    private final class Run {

        private final Projection projection;
        private final Map<String, AggregateType<?, ?, ?>> sources = new HashMap<>();
        private final RebuildReads reads;
        private final ReplayCursor cursor = new ReplayCursor();
        private final Counter replayedCounter;
        private final long started = System.nanoTime();
        private long replayed;
        private long chunks;
        private long lastLog = System.nanoTime();

        Run(Projection projection) {
            this.projection = projection;
            projection.sources().forEach(source -> sources.put(source.name(), source));
            this.reads = new RebuildReads(pool, List.copyOf(sources.keySet()));
            this.replayedCounter = meters.counter("eventsourcing.projection.rebuild.events", "projection", projection.name());
        }

        long execute() {
            ShadowTables shadow = await(() -> ShadowTables.create(pool, projection.name(), projection.tables()));
            LOG.infof("Rebuilding projection %s into %s, %d events per chunk", projection.name(), shadow.schema(), chunkSize);
            boolean swapped = false;
            try {
                catchUp(shadow);
                await(() -> shadow.vacuumAnalyze(pool));
                for (int attempt = 1; !swapped; attempt++) {
                    try {
                        long tail = await(() -> swap(shadow));
                        count(tail);
                        swapped = true;
                    } catch (RuntimeException e) {
                        if (!LOCK_NOT_AVAILABLE.equals(sqlState(e)) || attempt >= swapAttempts) {
                            throw e;
                        }
                        LOG.warnf("Rebuild of %s: the live tables were not free within %s (attempt %d of %d); catching up and retrying",
                                projection.name(), swapLockTimeout, attempt, swapAttempts);
                        catchUp(shadow);
                    }
                }
                await(() -> shadow.analyzeLive(pool));
                LOG.infof("Rebuilt projection %s: %d events in %d chunks and the tail, %d ms", projection.name(), replayed,
                        chunks, Duration.ofNanos(System.nanoTime() - started).toMillis());
                return replayed;
            } finally {
                if (!swapped) {
                    try {
                        await(() -> shadow.drop(pool));
                    } catch (RuntimeException e) {
                        LOG.warnf(e, "Rebuild of %s failed and its shadow schema %s could not be dropped", projection.name(), shadow.schema());
                    }
                }
            }
        }

        /**
         * Rounds of chunks, each up to the transactions begun when it started, so that a rebuild ends
         * however fast commands write: until a round replays less than one chunk (or after
         * {@link #MAX_ROUNDS}); what committed since goes into the swap's tail.
         */
        private void catchUp(ShadowTables shadow) {
            for (int round = 1; round <= MAX_ROUNDS; round++) {
                long horizon = await(reads::horizon);
                if (round(shadow, horizon) < chunkSize) {
                    return;
                }
            }
        }

        /** Replays chunk after chunk below the xmin gate and the horizon until a chunk comes back short. */
        private long round(ShadowTables shadow, long horizon) {
            long before = replayed;
            while (true) {
                List<RebuildReads.Stored> batch = await(() -> reads.gated(cursor, horizon, chunkSize));
                if (batch.isEmpty()) {
                    return replayed - before;
                }
                List<RebuildReads.Stored> ahead = await(() -> reads.predecessors(batch, cursor));
                List<RebuildReads.Stored> chunk = new ArrayList<>(ahead);
                batch.stream().filter(stored -> !cursor.appliedAhead(stored.event().eventId())).forEach(chunk::add);
                // position order is stream (version) order
                chunk.sort(Comparator.comparingLong(stored -> stored.event().globalPosition()));
                await(() -> Panache.withTransaction(() -> Panache.getSession()
                        .chain(session -> inShadow(session, shadow).chain(() -> apply(session, chunk)))));
                ahead.forEach(stored -> cursor.aheadApplied(stored.event().eventId(), stored.place()));
                cursor.advance(batch.get(batch.size() - 1).place());
                chunks++;
                count(chunk.size());
                if (batch.size() < chunkSize) {
                    return replayed - before;
                }
            }
        }

        /** The swap's one transaction: lock the live tables, replay the tail into the copies, swap them in. */
        private Uni<Long> swap(ShadowTables shadow) {
            return Panache.withTransaction(() -> Panache.getSession().chain(session -> session
                    .createNativeQuery("set local lock_timeout = '" + swapLockTimeout.toMillis() + "ms'").executeUpdate()
                    .chain(() -> session.createNativeQuery("lock table " + shadow.liveTables() + " in access exclusive mode")
                            .executeUpdate())
                    .chain(() -> inShadow(session, shadow))
                    // read only now: whatever committed before the lock is visible, whatever did not applies itself after
                    .chain(() -> reads.tailStart(cursor))
                    .chain(start -> {
                        if (start < 0) {
                            return shadow.swap(session).replaceWith(0L);
                        }
                        long[] after = {start};
                        long[] tail = {0};
                        // page by page in position order (stream order), each page applied before the next
                        return Multi.createBy().repeating()
                                .uni(() -> after, last -> reads.tail(cursor, last[0], chunkSize).invoke(page -> {
                                    if (!page.isEmpty()) {
                                        last[0] = page.get(page.size() - 1).event().globalPosition();
                                    }
                                }))
                                .until(List::isEmpty)
                                .onItem().transformToUniAndConcatenate(page -> {
                                    List<RebuildReads.Stored> fresh = page.stream()
                                            .filter(stored -> !cursor.appliedAhead(stored.event().eventId())).toList();
                                    tail[0] += fresh.size();
                                    return apply(session, fresh);
                                })
                                .collect().last()
                                .chain(() -> shadow.swap(session))
                                .replaceWith(() -> tail[0]);
                    })));
        }

        private Uni<Integer> inShadow(Mutiny.Session session, ShadowTables shadow) {
            // a chunk's rows go in as batched statements, not one round trip each
            session.setBatchSize(WRITE_BATCH);
            return session.createNativeQuery("set local search_path to " + shadow.searchPath()).executeUpdate();
        }

        /** Applies events in order on the session, then writes and forgets them: the session stays small. */
        private Uni<Void> apply(Mutiny.Session session, List<RebuildReads.Stored> events) {
            List<RecordedEvent<?>> decoded = new ArrayList<>(events.size());
            for (RebuildReads.Stored stored : events) {
                decoded.add(codec.decode(sources.get(stored.event().streamType()), stored.event()));
            }
            return projection.prefetch(decoded)
                    .onItem().transformToMulti(ignored -> Multi.createFrom().iterable(decoded))
                    .onItem().transformToUniAndConcatenate(projection::apply)
                    .collect().last()
                    .chain(session::flush)
                    .invoke(session::clear);
        }

        private void count(long events) {
            replayed += events;
            replayedCounter.increment(events);
            long now = System.nanoTime();
            if (now - lastLog >= PROGRESS_LOG_INTERVAL.toNanos()) {
                lastLog = now;
                LOG.infof("Rebuilding projection %s: %d events replayed in %d chunks, %d s", projection.name(), replayed, chunks,
                        Duration.ofNanos(now - started).toSeconds());
            }
        }
    }

    private static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String state = PersistenceFailure.sqlState(t);
            if (state != null) {
                return state;
            }
        }
        return null;
    }

    /** Runs one step on a Vert.x context of its own and waits for it: the rebuild's loop runs on a worker thread. */
    private static <T> T await(Supplier<Uni<T>> step) {
        try {
            return VertxContextSupport.subscribeAndAwait(step::get);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }
}
