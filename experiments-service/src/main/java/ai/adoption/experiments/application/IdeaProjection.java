package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.projection.Projection;
import ai.adoption.eventsourcing.projection.ReadModelRows;
import ai.adoption.eventsourcing.store.AggregateType;
import ai.adoption.eventsourcing.store.EventCodec;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.experiments.domain.IdeaEvent;
import ai.adoption.experiments.domain.IdeaStatus;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.List;

/** The {@code idea_view} read model: one row per idea, as lists and the funnel need it. */
@ApplicationScoped
public class IdeaProjection implements Projection {

    private final EventCodec codec;

    @Inject
    public IdeaProjection(EventCodec codec) {
        this.codec = codec;
    }

    @Override
    public String name() {
        return "ideas";
    }

    @Override
    public List<AggregateType<?, ?, ?>> sources() {
        return List.of(Aggregates.IDEA);
    }

    @Override
    public void apply(Connection c, RecordedEvent<?> recorded) throws SQLException {
        Object event = recorded.payload();
        Timestamp at = Timestamp.from(recorded.occurredAt());
        if (event instanceof IdeaEvent.IdeaSubmitted e) {
            try (PreparedStatement ps = c.prepareStatement("insert into idea_view (idea_id, version, status, title, problem, "
                    + "ai_tool, data_classification, benefit_category, department, submitter, submitted_at, updated_at) "
                    + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setObject(1, e.ideaId());
                ps.setLong(2, recorded.streamVersion());
                ps.setString(3, IdeaStatus.SUBMITTED.name());
                ps.setString(4, e.title());
                ps.setString(5, e.problem());
                ps.setString(6, e.aiTool());
                ps.setString(7, e.dataClassification().name());
                ps.setString(8, e.benefitCategory().name());
                ps.setString(9, e.department());
                ps.setString(10, e.submitter());
                ps.setTimestamp(11, at);
                ps.setTimestamp(12, at);
                ps.executeUpdate();
            }
        } else if (event instanceof IdeaEvent.IdeaRevised e) {
            update(c, recorded, "title = ?, problem = ?, ai_tool = ?, data_classification = ?, benefit_category = ?",
                    e.title(), e.problem(), e.aiTool(), e.dataClassification().name(), e.benefitCategory().name());
        } else if (event instanceof IdeaEvent.IdeaWithdrawn e) {
            update(c, recorded, "status = ?, withdrawal_reason = ?", IdeaStatus.WITHDRAWN.name(), e.reason());
        } else if (event instanceof IdeaEvent.IdeaApproved e) {
            update(c, recorded, "status = ?, decision = 'APPROVED', decided_at = ?, decided_by = ?, funding = ?::jsonb, decision_comment = ?",
                    IdeaStatus.APPROVED.name(), at, e.approvedBy(), e.funding() == null ? null : codec.encode(e.funding()), e.comment());
        } else if (event instanceof IdeaEvent.IdeaRejected e) {
            update(c, recorded, "status = ?, decision = 'REJECTED', decided_at = ?, decided_by = ?, rejection_reason = ?, "
                            + "decision_comment = ?, revisit_after = ?",
                    IdeaStatus.REJECTED.name(), at, e.rejectedBy(), e.reason().name(), e.explanation(),
                    e.revisitAfter() == null ? null : e.revisitAfter().toString());
        } else if (event instanceof IdeaEvent.IdeaExperimentStarted e) {
            update(c, recorded, "status = ?, running_experiment_id = ?, experiment_count = experiment_count + 1",
                    IdeaStatus.IN_EXPERIMENT.name(), e.experimentId());
        } else if (event instanceof IdeaEvent.IdeaExperimentEnded e) {
            update(c, recorded, "status = ?, running_experiment_id = null", IdeaStatus.APPROVED.name());
        }
    }

    private static void update(Connection c, RecordedEvent<?> recorded, String assignments, Object... values)
            throws SQLException {
        ReadModelRows.update(c, "idea_view", "idea_id", recorded, assignments, values);
    }

    @Override
    public void reset(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("delete from idea_view");
        }
    }
}
