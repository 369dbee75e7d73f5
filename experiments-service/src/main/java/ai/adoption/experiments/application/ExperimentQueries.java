package ai.adoption.experiments.application;

import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.projection.Filter;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.eventsourcing.web.Page;
import ai.adoption.experiments.application.Views.ExperimentView;
import ai.adoption.experiments.application.Views.Funnel;
import ai.adoption.experiments.application.Views.FunnelRow;
import ai.adoption.experiments.application.Views.IdeaView;
import ai.adoption.experiments.application.Views.LearningView;
import ai.adoption.experiments.domain.BenefitCategory;
import ai.adoption.experiments.domain.ExperimentStatus;
import ai.adoption.experiments.domain.IdeaStatus;
import ai.adoption.experiments.domain.LearningCategory;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads of the experiments-service read models. Lists, filters, paging and single items go through
 * Panache; full-text search and the funnel's aggregates are native SQL, where SQL itself is the
 * point. Every read joins the caller's session when there is one (so a command's response reads
 * its own writes from the session), or opens one of its own.
 */
@ApplicationScoped
public class ExperimentQueries {

    public record IdeaFilter(IdeaStatus status, String department, BenefitCategory benefitCategory, LocalDate from, LocalDate to) {
    }

    public record ExperimentFilter(ExperimentStatus status, String department, Boolean overdue, LocalDate from, LocalDate to) {
    }

    public Uni<Page<IdeaView>> ideas(IdeaFilter f, int page, int size) {
        Filter filter = new Filter().equal("status", f.status()).equal("department", f.department())
                .equal("benefitCategory", f.benefitCategory())
                .atLeast("submittedAt", startOf(f.from())).before("submittedAt", startOf(f.to() == null ? null : f.to().plusDays(1)));
        return Panache.withSession(() -> page(IdeaRow.find(filter.query(), Sort.descending("submittedAt").and("id"),
                filter.parameters()), IdeaRow.count(filter.query(), filter.parameters()), page, size, IdeaView::of));
    }

    public Uni<IdeaView> idea(UUID id) {
        return Panache.withSession(() -> IdeaRow.<IdeaRow>findById(id)).map(row -> {
            if (row == null) {
                throw new NotFound("idea", id.toString());
            }
            return IdeaView.of(row);
        });
    }

    public Uni<Page<ExperimentView>> experiments(ExperimentFilter f, LocalDate today, int page, int size) {
        Filter filter = new Filter().equal("status", f.status()).equal("department", f.department())
                .atLeast("startedAt", startOf(f.from())).before("startedAt", startOf(f.to() == null ? null : f.to().plusDays(1)));
        if (f.overdue() != null) {
            filter.where((f.overdue() ? "" : "not ") + "(status = :running and plannedEndDate < :today)")
                    .with("running", ExperimentStatus.RUNNING).with("today", today);
        }
        return Panache.withSession(() -> page(ExperimentRow.find(filter.query(), Sort.descending("startedAt").and("id"),
                        filter.parameters()), ExperimentRow.count(filter.query(), filter.parameters()), page, size,
                row -> ExperimentView.of((ExperimentRow) row, today, null)));
    }

    public Uni<ExperimentView> experiment(UUID id, LocalDate today) {
        return Panache.withSession(() -> ExperimentRow.<ExperimentRow>findById(id).chain(row -> {
            if (row == null) {
                return Uni.createFrom().failure(new NotFound("experiment", id.toString()));
            }
            return LearningRow.<LearningRow>find("experimentId", Sort.by("recordedAt").and("id"), id).list()
                    .map(learnings -> ExperimentView.of(row, today, learnings.stream().map(LearningView::of).toList()));
        }));
    }

    /** Ranked full-text search over every learning; readable by everyone with a token. */
    public Uni<Page<LearningView>> searchLearnings(String query, int page, int size) {
        String matches = " from learning_view, websearch_to_tsquery('english', :q) q where search @@ q";
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                .createNativeQuery("select count(*)" + matches, Object.class)
                .setParameter("q", query)
                .getSingleResult()
                .chain(total -> session.createNativeQuery("select learning_id, experiment_id, experiment_title, department, "
                                + "tool, category, text, recorded_by, recorded_at, ts_rank(search, q) as rank, "
                                + "ts_headline('english', translate(text, :marks, ''), q, :headlineOptions) as headline" + matches
                                + " order by rank desc, recorded_at desc, learning_id limit :limit offset :offset", Object[].class)
                        .setParameter("q", query)
                        .setParameter("marks", MARK_START + MARK_END)
                        .setParameter("headlineOptions", HEADLINE_OPTIONS)
                        .setParameter("limit", size)
                        .setParameter("offset", (long) page * size)
                        .getResultList()
                        .map(rows -> new Page<>(rows.stream().map(ExperimentQueries::learning).toList(), page, size,
                                Columns.longValue(total))))))
                .onFailure(e -> !(e instanceof PersistenceFailure)).transform(e -> new PersistenceFailure("Search failed", e));
    }

    /** Adoption funnel per department over [from, to] (dates inclusive, UTC). */
    public Uni<Funnel> funnel(String department, LocalDate from, LocalDate to) {
        String sql = """
                with ideas as (
                    select department,
                           count(*) filter (where submitted_at >= :start and submitted_at < :end) as submitted,
                           count(*) filter (where decision = 'APPROVED' and decided_at >= :start and decided_at < :end) as approved,
                           count(*) filter (where decision = 'REJECTED' and decided_at >= :start and decided_at < :end) as rejected,
                           count(*) filter (where reopened_at >= :start and reopened_at < :end) as reopened
                    from idea_view group by department),
                experiments as (
                    select department,
                           count(*) filter (where started_at >= :start and started_at < :end) as started,
                           count(*) filter (where status = 'RUNNING') as running,
                           count(*) filter (where outcome = 'SUCCEEDED' and ended_at >= :start and ended_at < :end) as succeeded,
                           count(*) filter (where outcome = 'FAILED' and ended_at >= :start and ended_at < :end) as failed,
                           count(*) filter (where outcome = 'INCONCLUSIVE' and ended_at >= :start and ended_at < :end) as inconclusive,
                           count(*) filter (where status = 'ABANDONED' and ended_at >= :start and ended_at < :end) as abandoned,
                           count(*) filter (where recommendation = 'SCALE' and ended_at >= :start and ended_at < :end) as scale
                    from experiment_view group by department)
                select coalesce(i.department, e.department) as department,
                       coalesce(i.submitted, 0), coalesce(i.approved, 0), coalesce(i.rejected, 0),
                       coalesce(e.started, 0), coalesce(e.running, 0), coalesce(e.succeeded, 0), coalesce(e.failed, 0),
                       coalesce(e.inconclusive, 0), coalesce(e.abandoned, 0), coalesce(e.scale, 0), coalesce(i.reopened, 0)
                from ideas i full join experiments e on e.department = i.department
                where (cast(:department as text) is null or coalesce(i.department, e.department) = :department)
                order by 1
                """;
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                        .setParameter("start", Columns.utc(startOf(from)))
                        .setParameter("end", Columns.utc(startOf(to.plusDays(1))))
                        .setParameter("department", department)
                        .getResultList()))
                .onFailure(e -> !(e instanceof PersistenceFailure)).transform(e -> new PersistenceFailure("Funnel failed", e))
                .map(result -> {
                    List<FunnelRow> rows = result.stream().map(r -> new FunnelRow(Columns.text(r[0]), Columns.longValue(r[1]),
                            Columns.longValue(r[2]), Columns.longValue(r[3]), Columns.longValue(r[4]), Columns.longValue(r[5]),
                            Columns.longValue(r[6]), Columns.longValue(r[7]), Columns.longValue(r[8]), Columns.longValue(r[9]),
                            Columns.longValue(r[10]), Columns.longValue(r[11]))).toList();
                    FunnelRow total = rows.stream().reduce(new FunnelRow("*", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0),
                            (a, b) -> new FunnelRow("*", a.submitted() + b.submitted(), a.approved() + b.approved(),
                                    a.rejected() + b.rejected(), a.experimentsStarted() + b.experimentsStarted(),
                                    a.runningNow() + b.runningNow(), a.succeeded() + b.succeeded(), a.failed() + b.failed(),
                                    a.inconclusive() + b.inconclusive(), a.abandoned() + b.abandoned(),
                                    a.recommendedToScale() + b.recommendedToScale(), a.reopened() + b.reopened()));
                    return new Funnel(from, to, rows, total);
                });
    }

    private static <R, V> Uni<Page<V>> page(PanacheQuery<R> query, Uni<Long> count, int page, int size, Function<R, V> view) {
        return count.chain(total -> query.page(io.quarkus.panache.common.Page.of(page, size)).list()
                .map(rows -> new Page<>(rows.stream().map(view).toList(), page, size, total)));
    }

    private static LearningView learning(Object[] r) {
        return new LearningView(Columns.uuid(r[0]), Columns.uuid(r[1]), Columns.text(r[2]), Columns.text(r[3]),
                Columns.text(r[4]), LearningCategory.valueOf(Columns.text(r[5])), Columns.text(r[6]), Columns.text(r[7]),
                Columns.instant(r[8]), r[9] == null ? null : ((Number) r[9]).doubleValue(), headline(Columns.text(r[10])));
    }

    /*
     * The headline is HTML: the learning's text, HTML-escaped, with <b>…</b> around the matches.
     * PostgreSQL marks the matches with two private-use characters (removed from the text first, so a
     * learning cannot forge a mark); the text is escaped here and only then do the marks become tags.
     */
    static final String MARK_START = "\uE000";
    static final String MARK_END = "\uE001";
    private static final String HEADLINE_OPTIONS = "MaxFragments=2, MaxWords=20, MinWords=5, StartSel=\"" + MARK_START
            + "\", StopSel=\"" + MARK_END + "\"";

    static String headline(String marked) {
        if (marked == null) {
            return null;
        }
        StringBuilder html = new StringBuilder(marked.length() + 32);
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            switch (c) {
                case '&' -> html.append("&amp;");
                case '<' -> html.append("&lt;");
                case '>' -> html.append("&gt;");
                case '"' -> html.append("&quot;");
                case '\'' -> html.append("&#39;");
                case '\uE000' -> html.append("<b>");
                case '\uE001' -> html.append("</b>");
                default -> html.append(c);
            }
        }
        return html.toString();
    }

    private static Instant startOf(LocalDate date) {
        return date == null ? null : date.atStartOfDay().toInstant(ZoneOffset.UTC);
    }
}
