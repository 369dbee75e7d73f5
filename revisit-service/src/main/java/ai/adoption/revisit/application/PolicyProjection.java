package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.revisit.domain.PolicyEvent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/** The {@code revisit_policy} read model: each department's current interval. */
@ApplicationScoped
public class PolicyProjection implements Projection {

    @Override
    public String name() {
        return "policies";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.POLICY);
    }

    @Override
    public List<String> tables() {
        return List.of("revisit_policy");
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        Object event = recorded.payload();
        String interval;
        String by;
        String reason;
        if (event instanceof PolicyEvent.DepartmentIntervalSet e) {
            interval = e.interval();
            by = e.setBy();
            reason = e.reason();
        } else if (event instanceof PolicyEvent.DepartmentIntervalCleared e) {
            interval = null;
            by = e.clearedBy();
            reason = e.reason();
        } else {
            return Uni.createFrom().voidItem();
        }
        return PolicyRow.<PolicyRow>findById(recorded.streamId()).chain(found -> {
            PolicyRow row = found != null ? found : new PolicyRow();
            row.department = recorded.streamId();
            row.version = recorded.streamVersion();
            row.interval = interval;
            row.setBy = by;
            row.setAt = recorded.occurredAt();
            row.reason = reason;
            return found != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid();
        });
    }
}
