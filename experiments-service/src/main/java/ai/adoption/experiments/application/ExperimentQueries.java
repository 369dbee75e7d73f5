package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.projection.Filter;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.eventsourcing.web.Page;
import ai.adoption.experiments.application.Views.ExperimentView;
import ai.adoption.experiments.application.Views.Funnel;
import ai.adoption.experiments.application.Views.FunnelRow;
import ai.adoption.experiments.application.Views.IdeaView;
import ai.adoption.experiments.application.Views.LearningView;
import ai.adoption.experiments.domain.BenefitCategory;
import ai.adoption.experiments.domain.DataClassification;
import ai.adoption.experiments.domain.ExperimentStatus;
import ai.adoption.experiments.domain.IdeaStatus;
import ai.adoption.experiments.domain.LearningCategory;
import ai.adoption.experiments.domain.Outcome;
import ai.adoption.experiments.domain.Recommendation;
import ai.adoption.experiments.domain.RejectionReason;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Reads of the experiments-service read models: lists with filters and paging, single items, search and the funnel. */
@ApplicationScoped
public class ExperimentQueries {

    private static final String IDEA_COLUMNS = "idea_id, version, status, title, problem, ai_tool, data_classification, "
            + "benefit_category, department, submitter, submitted_at, updated_at, decision, decided_at, decided_by, "
            + "decision_comment, rejection_reason, revisit_after, funding::text, withdrawal_reason, running_experiment_id, experiment_count";

    private static final String EXPERIMENT_COLUMNS = "experiment_id, version, idea_id, title, department, lead, scope, tool, "
            + "start_date, planned_end_date, success_criteria::text, funding::text, status, "
            + "(status = 'RUNNING' and planned_end_date < ?) as overdue, started_by, started_at, updated_at, outcome, "
            + "recommendation, summary, abandon_reason, ended_at, ended_by, learning_count";

    private static final String LEARNING_COLUMNS = "learning_id, experiment_id, experiment_title, department, tool, category, "
            + "text, recorded_by, recorded_at";

    public record IdeaFilter(IdeaStatus status, String department, BenefitCategory benefitCategory, LocalDate from, LocalDate to) {
    }

    public record ExperimentFilter(ExperimentStatus status, String department, Boolean overdue, LocalDate from, LocalDate to) {
    }

    private final AgroalDataSource dataSource;

    @Inject
    public ExperimentQueries(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<IdeaView> ideas(IdeaFilter f, int page, int size) {
        Filter filter = new Filter().equal("status", f.status()).equal("department", f.department())
                .equal("benefit_category", f.benefitCategory())
                .atLeast("submitted_at", startOf(f.from())).before("submitted_at", startOf(f.to() == null ? null : f.to().plusDays(1)));
        return page("idea_view", IDEA_COLUMNS, filter, "submitted_at desc, idea_id", page, size, List.of(), ExperimentQueries::idea);
    }

    public Optional<IdeaView> idea(UUID id) {
        return one("select " + IDEA_COLUMNS + " from idea_view where idea_id = ?", List.of(id), ExperimentQueries::idea);
    }

    public Page<ExperimentView> experiments(ExperimentFilter f, LocalDate today, int page, int size) {
        Filter filter = new Filter().equal("status", f.status()).equal("department", f.department())
                .atLeast("started_at", startOf(f.from())).before("started_at", startOf(f.to() == null ? null : f.to().plusDays(1)));
        if (Boolean.TRUE.equals(f.overdue())) {
            filter.where("status = 'RUNNING' and planned_end_date < ?", today);
        } else if (Boolean.FALSE.equals(f.overdue())) {
            filter.where("not (status = 'RUNNING' and planned_end_date < ?)", today);
        }
        return page("experiment_view", EXPERIMENT_COLUMNS, filter, "started_at desc, experiment_id", page, size,
                List.of(today), ExperimentQueries::experiment);
    }

    public Optional<ExperimentView> experiment(UUID id, LocalDate today) {
        return one("select " + EXPERIMENT_COLUMNS + " from experiment_view where experiment_id = ?", List.of(today, id),
                ExperimentQueries::experiment)
                .map(e -> e.withLearnings(list("select " + LEARNING_COLUMNS + ", null, null from learning_view "
                        + "where experiment_id = ? order by recorded_at, learning_id", List.of(id), ExperimentQueries::learning)));
    }

    /** Ranked full-text search over every learning; readable by everyone with a token. */
    public Page<LearningView> searchLearnings(String query, int page, int size) {
        String matches = " from learning_view, websearch_to_tsquery('english', ?) q where search @@ q";
        long total = count("select count(*)" + matches, List.of(query));
        List<LearningView> items = list("select " + LEARNING_COLUMNS + ", ts_rank(search, q) as rank, "
                        + "ts_headline('english', text, q, 'MaxFragments=2, MaxWords=20, MinWords=5') as headline" + matches
                        + " order by rank desc, recorded_at desc, learning_id limit ? offset ?",
                List.of(query, size, (long) page * size), ExperimentQueries::learning);
        return new Page<>(items, page, size, total);
    }

    /** Adoption funnel per department over [from, to] (dates inclusive, UTC). */
    public Funnel funnel(String department, LocalDate from, LocalDate to) {
        Timestamp start = Timestamp.from(startOf(from));
        Timestamp end = Timestamp.from(startOf(to.plusDays(1)));
        String sql = """
                with ideas as (
                    select department,
                           count(*) filter (where submitted_at >= ? and submitted_at < ?) as submitted,
                           count(*) filter (where decision = 'APPROVED' and decided_at >= ? and decided_at < ?) as approved,
                           count(*) filter (where decision = 'REJECTED' and decided_at >= ? and decided_at < ?) as rejected
                    from idea_view group by department),
                experiments as (
                    select department,
                           count(*) filter (where started_at >= ? and started_at < ?) as started,
                           count(*) filter (where status = 'RUNNING') as running,
                           count(*) filter (where outcome = 'SUCCEEDED' and ended_at >= ? and ended_at < ?) as succeeded,
                           count(*) filter (where outcome = 'FAILED' and ended_at >= ? and ended_at < ?) as failed,
                           count(*) filter (where outcome = 'INCONCLUSIVE' and ended_at >= ? and ended_at < ?) as inconclusive,
                           count(*) filter (where status = 'ABANDONED' and ended_at >= ? and ended_at < ?) as abandoned,
                           count(*) filter (where recommendation = 'SCALE' and ended_at >= ? and ended_at < ?) as scale
                    from experiment_view group by department)
                select coalesce(i.department, e.department) as department,
                       coalesce(i.submitted, 0), coalesce(i.approved, 0), coalesce(i.rejected, 0),
                       coalesce(e.started, 0), coalesce(e.running, 0), coalesce(e.succeeded, 0), coalesce(e.failed, 0),
                       coalesce(e.inconclusive, 0), coalesce(e.abandoned, 0), coalesce(e.scale, 0)
                from ideas i full join experiments e on e.department = i.department
                where (?::text is null or coalesce(i.department, e.department) = ?)
                order by 1
                """;
        List<Object> params = new ArrayList<>();
        int periods = 9; // one [start, end) pair per period-bound count above
        for (int i = 0; i < periods; i++) {
            params.add(start);
            params.add(end);
        }
        params.add(department);
        params.add(department);
        List<FunnelRow> rows = list(sql, params, rs -> new FunnelRow(rs.getString(1), rs.getLong(2), rs.getLong(3),
                rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), rs.getLong(11)));
        FunnelRow total = rows.stream().reduce(new FunnelRow("*", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                (a, b) -> new FunnelRow("*", a.submitted() + b.submitted(), a.approved() + b.approved(),
                        a.rejected() + b.rejected(), a.experimentsStarted() + b.experimentsStarted(),
                        a.runningNow() + b.runningNow(), a.succeeded() + b.succeeded(), a.failed() + b.failed(),
                        a.inconclusive() + b.inconclusive(), a.abandoned() + b.abandoned(),
                        a.recommendedToScale() + b.recommendedToScale()));
        return new Funnel(from, to, rows, total);
    }

    private static Instant startOf(LocalDate date) {
        return date == null ? null : date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    @FunctionalInterface
    private interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> Page<T> page(String table, String columns, Filter filter, String order, int page, int size,
                             List<Object> leadingParams, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection()) {
            long total;
            try (PreparedStatement ps = c.prepareStatement("select count(*) from " + table + filter.clause())) {
                filter.bind(ps, 1);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<T> items = new ArrayList<>();
            String sql = "select " + columns + " from " + table + filter.clause() + " order by " + order + " limit ? offset ?";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                for (Object p : leadingParams) {
                    ps.setObject(i++, p);
                }
                i = filter.bind(ps, i); // the filter's parameters follow the select list's
                ps.setInt(i++, size);
                ps.setLong(i, (long) page * size);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(mapper.map(rs));
                    }
                }
            }
            return new Page<>(items, page, size, total);
        } catch (SQLException e) {
            throw new PersistenceFailure("Cannot query " + table, e);
        }
    }

    private <T> Optional<T> one(String sql, List<Object> params, RowMapper<T> mapper) {
        List<T> rows = list(sql, params, mapper);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    private long count(String sql, List<Object> params) {
        return list(sql, params, rs -> rs.getLong(1)).get(0);
    }

    private <T> List<T> list(String sql, List<Object> params, RowMapper<T> mapper) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (Object p : params) {
                ps.setObject(i++, p);
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new PersistenceFailure("Query failed", e);
        }
    }

    private static IdeaView idea(ResultSet rs) throws SQLException {
        return new IdeaView(rs.getObject(1, UUID.class), rs.getLong(2), IdeaStatus.valueOf(rs.getString(3)), rs.getString(4),
                rs.getString(5), rs.getString(6), DataClassification.valueOf(rs.getString(7)),
                BenefitCategory.valueOf(rs.getString(8)), rs.getString(9), rs.getString(10), instant(rs, 11), instant(rs, 12),
                rs.getString(13), instant(rs, 14), rs.getString(15), rs.getString(16),
                rs.getString(17) == null ? null : RejectionReason.valueOf(rs.getString(17)), rs.getString(18),
                rs.getString(19), rs.getString(20), rs.getObject(21, UUID.class), rs.getInt(22));
    }

    private static ExperimentView experiment(ResultSet rs) throws SQLException {
        return new ExperimentView(rs.getObject(1, UUID.class), rs.getLong(2), rs.getObject(3, UUID.class), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, LocalDate.class),
                rs.getObject(10, LocalDate.class), rs.getString(11), rs.getString(12),
                ExperimentStatus.valueOf(rs.getString(13)), rs.getBoolean(14), rs.getString(15), instant(rs, 16),
                instant(rs, 17), rs.getString(18) == null ? null : Outcome.valueOf(rs.getString(18)),
                rs.getString(19) == null ? null : Recommendation.valueOf(rs.getString(19)), rs.getString(20),
                rs.getString(21), instant(rs, 22), rs.getString(23), rs.getInt(24), null);
    }

    private static LearningView learning(ResultSet rs) throws SQLException {
        double rank = rs.getDouble(10);
        boolean ranked = !rs.wasNull();
        return new LearningView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getString(3), rs.getString(4),
                rs.getString(5), LearningCategory.valueOf(rs.getString(6)), rs.getString(7), rs.getString(8), instant(rs, 9),
                ranked ? rank : null, rs.getString(11));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toInstant();
    }
}
