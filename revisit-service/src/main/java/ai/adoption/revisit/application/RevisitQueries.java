package ai.adoption.revisit.application;

import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.projection.Filter;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.eventsourcing.web.Page;
import ai.adoption.revisit.application.Views.CaseView;
import ai.adoption.revisit.application.Views.Counts;
import ai.adoption.revisit.application.Views.DepartmentCounts;
import ai.adoption.revisit.domain.CaseSource;
import ai.adoption.revisit.domain.CaseStatus;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Reads of the revisit read models: Panache for lists and single cases, native SQL for the per-department counts. */
@ApplicationScoped
public class RevisitQueries {

    public static final int OVERDUE_AFTER_DAYS = 30;

    public record CaseFilter(String department, CaseStatus status, Instant dueBefore, String tool, String rejectionReason,
                             CaseSource source) {
    }

    /** Due first, then by due time (the earliest first), then closed ones. */
    public Uni<Page<CaseView>> cases(CaseFilter f, int page, int size) {
        Filter filter = new Filter().equal("department", f.department()).equal("status", f.status())
                .before("dueAt", f.dueBefore()).equal("rejectionReason", f.rejectionReason()).equal("source", f.source());
        if (f.tool() != null) {
            filter.where("lower(tool) = :tool").with("tool", f.tool().toLowerCase(java.util.Locale.ROOT));
        }
        String order = " order by case when status = :stDue then 0 when status = :stScheduled then 1 else 2 end, dueAt, id";
        Filter ordered = filter.with("stDue", CaseStatus.DUE).with("stScheduled", CaseStatus.SCHEDULED);
        return Panache.withSession(() -> CaseRow.count(filter.query(), countParameters(f, filter))
                .chain(total -> CaseRow.<CaseRow>find("from CaseRow where " + filter.query() + order, ordered.parameters())
                        .page(io.quarkus.panache.common.Page.of(page, size)).list()
                        .map(rows -> new Page<>(rows.stream().map(CaseView::of).toList(), page, size, total))));
    }

    private static io.quarkus.panache.common.Parameters countParameters(CaseFilter f, Filter filter) {
        // the count has no order by: leave out the ordering parameters, which it does not use
        io.quarkus.panache.common.Parameters all = filter.parameters();
        io.quarkus.panache.common.Parameters used = new io.quarkus.panache.common.Parameters();
        all.map().forEach((name, value) -> {
            if (!name.equals("stDue") && !name.equals("stScheduled")) {
                used.and(name, value);
            }
        });
        return used;
    }

    public Uni<CaseView> one(UUID id) {
        return Panache.withSession(() -> CaseRow.<CaseRow>findById(id)).map(row -> {
            if (row == null) {
                throw new NotFound("revisit case", id.toString());
            }
            return CaseView.of(row);
        });
    }

    /** Per department: open, due now, due for more than 30 days without a re-evaluation, reopened and dropped in [from, to). */
    public Uni<Counts> counts(String department, Instant from, Instant to, Instant now) {
        String sql = """
                select department,
                       count(*) filter (where status in ('SCHEDULED', 'DUE')),
                       count(*) filter (where status = 'DUE'),
                       count(*) filter (where status = 'DUE' and due_at < :overdue),
                       count(*) filter (where closure = 'REOPENED' and closed_at >= :start and closed_at < :end),
                       count(*) filter (where closure = 'DROPPED' and closed_at >= :start and closed_at < :end)
                from revisit_case
                where (cast(:department as text) is null or department = :department)
                group by department order by department
                """;
        return Panache.withSession(() -> Panache.getSession().chain(session -> session.createNativeQuery(sql, Object[].class)
                        .setParameter("overdue", Columns.utc(now.minus(Duration.ofDays(OVERDUE_AFTER_DAYS))))
                        .setParameter("start", Columns.utc(from))
                        .setParameter("end", Columns.utc(to))
                        .setParameter("department", department)
                        .getResultList()))
                .onFailure(e -> !(e instanceof PersistenceFailure)).transform(e -> new PersistenceFailure("Counts failed", e))
                .map(result -> {
                    List<DepartmentCounts> rows = result.stream().map(r -> new DepartmentCounts(Columns.text(r[0]),
                            Columns.longValue(r[1]), Columns.longValue(r[2]), Columns.longValue(r[3]), Columns.longValue(r[4]),
                            Columns.longValue(r[5]))).toList();
                    DepartmentCounts total = rows.stream().reduce(new DepartmentCounts("*", 0, 0, 0, 0, 0),
                            (a, b) -> new DepartmentCounts("*", a.open() + b.open(), a.dueNow() + b.dueNow(),
                                    a.overdue() + b.overdue(), a.reopened() + b.reopened(), a.dropped() + b.dropped()));
                    return new Counts(from, to, OVERDUE_AFTER_DAYS, rows, total);
                });
    }
}
