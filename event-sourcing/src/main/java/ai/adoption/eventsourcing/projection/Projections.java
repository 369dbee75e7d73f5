package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.eventsourcing.store.RecordedEvent;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Every projection of the service, by the stream types that feed it; applies and rebuilds them. */
@ApplicationScoped
public class Projections {

    private final Map<String, List<Projection>> byStreamType = new HashMap<>();
    private final Map<String, Projection> byName = new HashMap<>();
    private final EventStore store;
    private final EventCodec codec;
    private final AgroalDataSource dataSource;

    @Inject
    public Projections(Instance<Projection> projections, EventStore store, EventCodec codec, AgroalDataSource dataSource) {
        this.store = store;
        this.codec = codec;
        this.dataSource = dataSource;
        for (Projection projection : projections) {
            byName.put(projection.name(), projection);
            for (AggregateType<?, ?, ?> source : projection.sources()) {
                byStreamType.computeIfAbsent(source.name(), k -> new ArrayList<>()).add(projection);
            }
        }
    }

    /** Applies freshly appended, typed events to every projection of their stream type. */
    public void apply(Connection connection, String streamType, List<? extends RecordedEvent<?>> events) {
        List<Projection> interested = byStreamType.getOrDefault(streamType, List.of());
        try {
            for (RecordedEvent<?> event : events) {
                for (Projection projection : interested) {
                    projection.apply(connection, event);
                }
            }
        } catch (SQLException e) {
            throw new PersistenceFailure("Cannot update read models for " + streamType, e);
        }
    }

    public List<String> names() {
        return byName.keySet().stream().sorted().toList();
    }

    /**
     * Empties a projection and replays every event of its sources, in one transaction: readers see
     * either the old or the rebuilt read model, never a half-built one. Returns the events replayed.
     */
    @Transactional
    public long rebuild(String name) {
        Projection projection = byName.get(name);
        if (projection == null) {
            throw new NotFound("Projection", name);
        }
        Map<String, AggregateType<?, ?, ?>> sources = new HashMap<>();
        projection.sources().forEach(source -> sources.put(source.name(), source));
        long[] count = {0};
        try (Connection connection = dataSource.getConnection()) {
            projection.reset(connection);
            store.readAllOfTypes(connection, List.copyOf(sources.keySet()), stored -> {
                try {
                    projection.apply(connection, codec.decode(sources.get(stored.streamType()), stored));
                    count[0]++;
                } catch (SQLException e) {
                    throw new PersistenceFailure("Cannot rebuild " + name, e);
                }
            });
        } catch (SQLException e) {
            throw new PersistenceFailure("Cannot rebuild " + name, e);
        }
        return count[0];
    }
}
