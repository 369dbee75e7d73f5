package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.projection.ReadModelRows;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.experiments.domain.ExperimentEvent;
import ai.adoption.experiments.domain.ExperimentStatus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

/**
 * The {@code experiment_view} and {@code learning_view} read models. Learnings are full-text
 * indexed (a generated tsvector with a GIN index) so that everyone can search them.
 */
@ApplicationScoped
public class ExperimentProjection implements Projection {

    private final EventCodec codec;

    @Inject
    public ExperimentProjection(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public String name() {
        return "experiments";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.EXPERIMENT);
    }

    @Override
    public void apply(Connection c, RecordedEvent<?> recorded) throws SQLException {
        Object event = recorded.payload();
        Timestamp at = Timestamp.from(recorded.occurredAt());
        if (event instanceof ExperimentEvent.ExperimentStarted e) {
            try (PreparedStatement ps = c.prepareStatement("insert into experiment_view (experiment_id, version, idea_id, "
                    + "title, department, lead, scope, tool, start_date, planned_end_date, success_criteria, funding, "
                    + "status, started_by, started_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)")) {
                ps.setObject(1, e.experimentId());
                ps.setLong(2, recorded.streamVersion());
                ps.setObject(3, e.ideaId());
                ps.setString(4, e.title());
                ps.setString(5, e.department());
                ps.setString(6, e.lead());
                ps.setString(7, e.scope());
                ps.setString(8, e.tool());
                ps.setDate(9, Date.valueOf(e.startDate()));
                ps.setDate(10, Date.valueOf(e.plannedEndDate()));
                ps.setString(11, codec.encode(e.successCriteria()));
                ps.setString(12, codec.encode(e.businessUnitFunding()));
                ps.setString(13, ExperimentStatus.RUNNING.name());
                ps.setString(14, e.startedBy());
                ps.setTimestamp(15, at);
                ps.setTimestamp(16, at);
                ps.executeUpdate();
            }
        } else if (event instanceof ExperimentEvent.LearningRecorded e) {
            try (PreparedStatement ps = c.prepareStatement("insert into learning_view (learning_id, experiment_id, "
                    + "experiment_title, department, tool, category, text, recorded_by, recorded_at) "
                    + "select ?, experiment_id, title, department, tool, ?, ?, ?, ? from experiment_view where experiment_id = ?")) {
                ps.setObject(1, e.learningId());
                ps.setString(2, e.category().name());
                ps.setString(3, e.text());
                ps.setString(4, e.recordedBy());
                ps.setTimestamp(5, at);
                ps.setObject(6, e.experimentId());
                ps.executeUpdate();
            }
            update(c, recorded, "learning_count = learning_count + 1");
        } else if (event instanceof ExperimentEvent.ExperimentConcluded e) {
            update(c, recorded, "status = ?, outcome = ?, recommendation = ?, summary = ?, ended_at = ?, ended_by = ?",
                    ExperimentStatus.CONCLUDED.name(), e.outcome().name(), e.recommendation().name(), e.summary(), at, e.concludedBy());
        } else if (event instanceof ExperimentEvent.ExperimentAbandoned e) {
            update(c, recorded, "status = ?, abandon_reason = ?, ended_at = ?, ended_by = ?",
                    ExperimentStatus.ABANDONED.name(), e.reason(), at, e.abandonedBy());
        }
    }

    private static void update(Connection c, RecordedEvent<?> recorded, String assignments, Object... values)
            throws SQLException {
        ReadModelRows.update(c, "experiment_view", "experiment_id", recorded, assignments, values);
    }

    @Override
    public void reset(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("delete from learning_view");
            st.execute("delete from experiment_view");
        }
    }
}
