package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.RecordedEvent;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every projection of the service, by the stream types that feed it; applies and rebuilds them. */
@ApplicationScoped
public class Projections {

    static final int REBUILD_BATCH = 500;

    private final Map<String, List<Projection>> byStreamType = new HashMap<>();
    private final Map<String, Projection> byName = new HashMap<>();
    private final EventStore store;
    private final EventCodec codec;

    @Inject
    public Projections(Instance<Projection> projections, EventStore store, EventCodec codec) {
        this.store = store;
        this.codec = codec;
        for (Projection projection : projections) {
            byName.put(projection.name(), projection);
            for (AggregateType<?, ?, ?> source : projection.sources()) {
                byStreamType.computeIfAbsent(source.name(), k -> new ArrayList<>()).add(projection);
            }
        }
    }

    /** Applies freshly appended, typed events, in order, to every projection of their stream type. */
    public Uni<Void> apply(String streamType, List<? extends RecordedEvent<?>> events) {
        List<Projection> interested = byStreamType.getOrDefault(streamType, List.of());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (RecordedEvent<?> event : events) {
            for (Projection projection : interested) {
                chain = chain.chain(() -> projection.apply(event));
            }
        }
        return chain;
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    /**
     * Empties a projection and replays every event of its sources, in one transaction: readers see
     * either the old or the rebuilt read model, never a half-built one. Its tables are locked in
     * EXCLUSIVE mode first (readers go on, writers wait), so a command cannot change a row that the
     * rebuild has deleted: a command that appended before the lock either committed before the
     * rebuild reads the events (and is replayed) or waits and applies its event to the rebuilt row.
     * Returns the number of events replayed.
     */
    public Uni<Long> rebuild(String name) {
        Projection projection = byName.get(name);
        if (projection == null) {
            return Uni.createFrom().failure(new NotFound("Projection", name));
        }
        Map<String, AggregateType<?, ?, ?>> sources = new HashMap<>();
        projection.sources().forEach(source -> sources.put(source.name(), source));
        return Panache.withTransaction(() -> Panache.getSession().chain(session -> {
            Uni<Integer> reset = session.createNativeQuery("lock table " + String.join(", ", projection.tables())
                    + " in exclusive mode").executeUpdate();
            for (String table : projection.tables()) {
                reset = reset.chain(() -> session.createNativeQuery("delete from " + table).executeUpdate());
            }
            return reset.chain(() -> replay(session, projection, sources, 0L, 0L));
        }));
    }

    private Uni<Long> replay(Mutiny.Session session, Projection projection, Map<String, AggregateType<?, ?, ?>> sources,
                             long afterPosition, long replayed) {
        return store.readAllOfTypes(session, List.copyOf(sources.keySet()), afterPosition, REBUILD_BATCH)
                .chain(batch -> {
                    if (batch.isEmpty()) {
                        return Uni.createFrom().item(replayed);
                    }
                    Uni<Void> applied = Uni.createFrom().voidItem();
                    for (RecordedEvent<String> stored : batch) {
                        applied = applied.chain(() -> projection.apply(codec.decode(sources.get(stored.streamType()), stored)));
                    }
                    long last = batch.get(batch.size() - 1).globalPosition();
                    long count = replayed + batch.size();
                    // write the batch and forget it: the session stays small however long the history
                    Uni<Void> flushed = applied.chain(session::flush).invoke(session::clear);
                    return batch.size() < REBUILD_BATCH
                            ? flushed.replaceWith(count)
                            : flushed.chain(() -> replay(session, projection, sources, last, count));
                });
    }
}
