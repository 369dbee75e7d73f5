package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.projection.ReadModelRows;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.experiments.domain.ExperimentEvent;
import ai.adoption.experiments.domain.ExperimentStatus;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The {@code experiment_view} and {@code learning_view} read models. Learnings are full-text
 * indexed (a generated tsvector with a GIN index) so that everyone can search them.
 */
@ApplicationScoped
public class ExperimentProjection implements Projection {

    static final String TABLE = "experiment_view";

    @Override
    public String name() {
        return "experiments";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.EXPERIMENT);
    }

    @Override
    public List<String> tables() {
        return List.of("learning_view", TABLE);
    }

    @Override
    public Uni<Void> apply(RecordedEvent<?> recorded) {
        Object event = recorded.payload();
        if (event instanceof ExperimentEvent.ExperimentStarted e) {
            ExperimentRow row = new ExperimentRow();
            row.id = e.experimentId();
            row.ideaId = e.ideaId();
            row.title = e.title();
            row.department = e.department();
            row.lead = e.lead();
            row.scope = e.scope();
            row.tool = e.tool();
            row.startDate = e.startDate();
            row.plannedEndDate = e.plannedEndDate();
            row.successCriteria = e.successCriteria();
            row.funding = e.businessUnitFunding();
            row.status = ExperimentStatus.RUNNING;
            row.startedBy = e.startedBy();
            row.startedAt = recorded.occurredAt();
            stamp(row, recorded);
            return row.persist().replaceWithVoid();
        }
        if (event instanceof ExperimentEvent.LearningRecorded e) {
            return ReadModelRows.update(row(recorded), TABLE, recorded, row -> {
                row.learningCount++;
                stamp(row, recorded);
            }).chain(() -> ExperimentRow.<ExperimentRow>findById(e.experimentId())).chain(experiment -> {
                LearningRow learning = new LearningRow();
                learning.id = e.learningId();
                learning.experimentId = e.experimentId();
                learning.experimentTitle = experiment.title;
                learning.department = experiment.department;
                learning.tool = experiment.tool;
                learning.category = e.category();
                learning.text = e.text();
                learning.recordedBy = e.recordedBy();
                learning.recordedAt = recorded.occurredAt();
                return learning.persist().replaceWithVoid();
            });
        }
        if (event instanceof ExperimentEvent.ExperimentConcluded e) {
            return update(recorded, row -> {
                row.status = ExperimentStatus.CONCLUDED;
                row.outcome = e.outcome();
                row.recommendation = e.recommendation();
                row.summary = e.summary();
                row.endedAt = recorded.occurredAt();
                row.endedBy = e.concludedBy();
            });
        }
        if (event instanceof ExperimentEvent.ExperimentAbandoned e) {
            return update(recorded, row -> {
                row.status = ExperimentStatus.ABANDONED;
                row.abandonReason = e.reason();
                row.endedAt = recorded.occurredAt();
                row.endedBy = e.abandonedBy();
            });
        }
        return Uni.createFrom().voidItem();
    }

    private static Uni<ExperimentRow> row(RecordedEvent<?> recorded) {
        return ExperimentRow.findById(UUID.fromString(recorded.streamId()));
    }

    private static Uni<Void> update(RecordedEvent<?> recorded, Consumer<ExperimentRow> change) {
        return ReadModelRows.update(row(recorded), TABLE, recorded, change.andThen(row -> stamp(row, recorded)));
    }

    private static void stamp(ExperimentRow row, RecordedEvent<?> recorded) {
        row.version = recorded.streamVersion();
        row.updatedAt = recorded.occurredAt();
    }
}
