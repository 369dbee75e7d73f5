package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every projection of the service, by the stream types that feed it; applies and rebuilds them. */
@ApplicationScoped
public class Projections {

    private final Map<String, List<Projection>> byStreamType = new HashMap<>();
    private final Map<String, Projection> byName = new HashMap<>();
    private final ProjectionRebuild rebuild;

    @Inject
    public Projections(Instance<Projection> projections, ProjectionRebuild rebuild) {
        this.rebuild = rebuild;
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
     * Rebuilds a projection from the event store in committed chunks into shadow tables, then swaps
     * them in ({@link ProjectionRebuild}). Returns the number of events replayed.
     */
    public Uni<Long> rebuild(String name) {
        Projection projection = byName.get(name);
        if (projection == null) {
            return Uni.createFrom().failure(new NotFound("Projection", name));
        }
        return rebuild.rebuild(projection);
    }
}
