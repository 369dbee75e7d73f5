package ai.adoption.governance.application;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.projection.ReadModelRows;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.governance.domain.DepartmentEvent;
import ai.adoption.governance.domain.PersonEvent;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.LocalDate;
import java.util.List;

/**
 * Departments (latest definition and every definition with its effective date) and persons (display
 * name, AI-literacy training records).
 */
@ApplicationScoped
public class DirectoryProjection implements Projection {

    @Override
    public String name() {
        return "directory";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.DEPARTMENT, Aggregates.PERSON);
    }

    @Override
    public List<String> tables() {
        return List.of("gov_department_version", "gov_department", "gov_training", "gov_person");
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        Object event = recorded.payload();
        if (event instanceof DepartmentEvent.DepartmentEstablished e) {
            DepartmentRow row = new DepartmentRow();
            row.id = e.departmentId();
            define(row, recorded, e.name(), e.director(), e.managers(), e.ambassadors(), e.effectiveFrom());
            return row.persist().chain(() -> version(recorded, e.departmentId(), e.name(), e.director(), e.managers(), e.ambassadors(),
                    e.effectiveFrom(), null));
        }
        if (event instanceof DepartmentEvent.DepartmentChanged e) {
            return ReadModelRows.update(DepartmentRow.<DepartmentRow>findById(e.departmentId()), "gov_department", recorded,
                            row -> define(row, recorded, e.name(), e.director(), e.managers(), e.ambassadors(), e.effectiveFrom()))
                    .chain(() -> version(recorded, e.departmentId(), e.name(), e.director(), e.managers(), e.ambassadors(),
                            e.effectiveFrom(), e.reason()));
        }
        if (event instanceof PersonEvent.PersonNamed e) {
            return PersonRow.<PersonRow>findById(e.personId()).chain(found -> {
                PersonRow row = found != null ? found : new PersonRow();
                row.id = e.personId();
                row.displayName = e.displayName();
                row.version = recorded.streamVersion();
                row.updatedAt = recorded.recordedAt();
                return found != null ? Uni.createFrom().voidItem() : row.persist().replaceWithVoid();
            });
        }
        if (event instanceof PersonEvent.TrainingRecorded e) {
            return Sql.insert("gov_training", "event_id", recorded.eventId(), "training_id", e.trainingId(), "person_id", e.personId(), "course", e.course(),
                    "provider", e.provider(), "completed_on", e.completedOn(), "valid_until", e.validUntil(),
                    "recorded_at", recorded.recordedAt());
        }
        return Uni.createFrom().voidItem();
    }

    private static void define(DepartmentRow row, RecordedEvent<?> recorded, String name, String director, List<String> managers,
                               List<String> ambassadors, LocalDate effectiveFrom) {
        row.name = name;
        row.director = director;
        row.managers = managers;
        row.ambassadors = ambassadors;
        row.effectiveFrom = effectiveFrom;
        row.version = recorded.streamVersion();
        row.updatedAt = recorded.recordedAt();
    }

    private static Uni<Void> version(RecordedEvent<?> recorded, String id, String name, String director, List<String> managers,
                                     List<String> ambassadors, LocalDate effectiveFrom, String reason) {
        return Sql.insert("gov_department_version", "event_id", recorded.eventId(), "department_id", id,
                "effective_from", effectiveFrom, "recorded_at", recorded.recordedAt(), "name", name, "director", director,
                "managers", managers, "ambassadors", ambassadors, "reason", reason);
    }
}
