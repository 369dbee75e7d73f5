package ai.adoption.dashboard.application;

import ai.adoption.dashboard.domain.ReadScope;
import ai.adoption.dashboard.domain.Transition;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The dashboard's snapshot: every figure read in one read-only REPEATABLE READ transaction, so they
 * agree with each other and with {@code asOfFeedId} (the last feed id folded into them). Each query
 * reads a materialised table by its key or a small partial index; none reads the feed.
 */
@ApplicationScoped
public class SummaryQueries {

    public static final int OVERDUE_AFTER_DAYS = 30;
    public static final int MAX_REVISITS = 500;

    public static final String COUNTED_BY = "transitions: every event that moves an idea counts once on its day (UTC), so an idea "
            + "can count in several steps and in the same step again after a reopening; conversion is the ratio of two steps' "
            + "counts in the same period, not a cohort";
    public static final List<String> NOT_TOLD = List.of(
            "scaled: the first move of an AI system registered from an experiment (or any system) from PILOT to SCALING or "
                    + "PRODUCTION; the streams have no 'idea scaled' event",
            "AI-literacy coverage covers the accountable owners of AI systems (the register's owners against "
                    + "person.training-recorded); the streams do not list every employee, so coverage of the whole staff is not told",
            "compliance gaps only as the governance events tell them: AI systems not yet registered, classified or with no "
                    + "obligations recorded are not known here",
            "items whose events name no department (and whose aggregate's earlier events did not either) are visible to "
                    + "compliance officers and admins only");

    public record Department(String id, String name) {
    }

    public record Conversion(String from, String to, Double rate) {
    }

    public record Median(Double days, long ideas) {
    }

    public record OldestWaiting(UUID ideaId, String department, String title, Instant waitingSince, long days) {
    }

    public record RevisitCounts(long due, long overdue, long scheduled, int overdueAfterDays) {
    }

    public record Findings(long total, Map<String, Long> byKind) {
    }

    public record Gap(String article, String gap, long systems) {
    }

    public record Literacy(long owners, long trainedOwners, Double coverage, String basis) {
    }

    public record Summary(String department, LocalDate from, LocalDate to, LocalDate previousFrom, LocalDate previousTo,
                          String countedBy, Map<String, Long> funnel, Map<String, Long> previousFunnel,
                          List<Conversion> conversion, Map<String, Median> medianDays, String detailScope,
                          OldestWaiting oldestWaiting, RevisitCounts revisits, Findings openFindings, List<Gap> gaps,
                          Literacy aiLiteracy, List<String> notTold, long asOfFeedId) {
    }

    public record RevisitItem(UUID caseId, UUID ideaId, String department, String title, String tool, String status, int cycle,
                              Instant dueAt, boolean overdue) {
    }

    public record RevisitList(String department, RevisitCounts counts, List<RevisitItem> items, long asOfFeedId) {
    }

    private static final String HEAD = "select last_id from dashboard_feed_head";
    private static final String FUNNEL = """
            select transition, coalesce(sum(n) filter (where day >= $1), 0), coalesce(sum(n) filter (where day < $1), 0)
            from dashboard_transition_count
            where day between $3 and $2 and ($4::text is null or department = $4)
            group by transition""";
    private static final String MEDIANS = """
            select stage, percentile_cont(0.5) within group (order by days), count(*) from dashboard_stage
            where ended_at >= $1 and ended_at < $2 and ($3::text is null or department = $3)
            group by stage""";
    private static final String OLDEST = """
            select idea_id, department, title, waiting_since from dashboard_idea
            where waiting_since is not null and ($1::text is null or department = $1)
            order by waiting_since, idea_id limit 1""";
    private static final String REVISIT_COUNTS = """
            select count(*) filter (where status = 'DUE'), count(*) filter (where status = 'DUE' and due_at < $2),
                   count(*) filter (where status = 'SCHEDULED')
            from dashboard_revisit where status <> 'CLOSED' and ($1::text is null or department = $1)""";
    private static final String REVISIT_ITEMS = """
            select case_id, idea_id, department, title, tool, status, cycle, due_at from dashboard_revisit
            where status <> 'CLOSED' and ($1::text is null or department = $1)
            order by case when status = 'DUE' then 0 else 1 end, due_at nulls last, case_id limit $2""";
    private static final String FINDINGS = """
            select kind, count(*) from dashboard_finding where resolved_at is null and ($1::text is null or department = $1)
            group by kind order by kind""";
    private static final String SYSTEMS = """
            select count(*) filter (where owner is null),
                   count(*) filter (where owner is not null and not exists (
                       select 1 from dashboard_training t where t.person_id = s.owner and t.valid_until >= $2)),
                   count(*) filter (where prohibited),
                   count(*) filter (where risk_tier is null and not prohibited),
                   count(*) filter (where risk_tier = 'HIGH' and oversight_persons = 0),
                   count(*) filter (where risk_tier = 'HIGH' and (log_retention_months is null or log_retention_months < 6)),
                   count(*) filter (where risk_tier = 'HIGH' and not workers_informed),
                   count(*) filter (where risk_tier = 'HIGH' and coalesce(fria_status, 'REQUIRED') in ('REQUIRED', 'IN_PROGRESS')),
                   (select count(*) from dashboard_incident i join dashboard_system x on x.system_id = i.system_id
                     where i.serious and not i.authority_informed and coalesce(x.lifecycle, '') <> 'RETIRED'
                       and ($1::text is null or x.department = $1)),
                   count(distinct owner),
                   count(distinct owner) filter (where exists (
                       select 1 from dashboard_training t where t.person_id = s.owner and t.valid_until >= $2))
            from dashboard_system s where coalesce(lifecycle, '') <> 'RETIRED' and ($1::text is null or department = $1)""";
    private static final String DEPARTMENTS = "select id, name from dashboard_department order by id";

    private final Pool pool;

    @Inject
    public SummaryQueries(Pool pool) {
        this.pool = pool;
    }

    public Uni<List<Department>> departments() {
        return pool.query(DEPARTMENTS).execute().map(rows -> {
            List<Department> out = new ArrayList<>();
            rows.forEach(row -> out.add(new Department(row.getString(0), row.getString(1))));
            return out;
        });
    }

    /**
     * The snapshot of {@code department} (null: the organisation) for [from, to]. The funnel and the
     * medians are figures everyone signed in may see; the detail is of the requested department when
     * the scope sees it, of the caller's own department when none is requested, else left out
     * ({@code detailScope} "hidden").
     */
    public Uni<Summary> summary(String department, LocalDate from, LocalDate to, ReadScope scope, Instant now) {
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        LocalDate previousTo = from.minusDays(1);
        LocalDate previousFrom = from.minusDays(days);
        boolean detail = department == null ? scope.all() || scope.department() != null : scope.sees(department);
        String detailDepartment = department != null ? department : scope.all() ? null : scope.department();
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return inSnapshot(conn -> head(conn).chain(asOf -> conn.preparedQuery(FUNNEL)
                .execute(Tuple.of(from, to, previousFrom, department)).chain(funnelRows -> {
                    Map<String, Long> funnel = new LinkedHashMap<>();
                    Map<String, Long> previous = new LinkedHashMap<>();
                    for (Transition t : Transition.values()) {
                        funnel.put(t.key(), 0L);
                        previous.put(t.key(), 0L);
                    }
                    for (Row row : funnelRows) {
                        String key = Transition.valueOf(row.getString(0)).key();
                        funnel.put(key, row.getLong(1));
                        previous.put(key, row.getLong(2));
                    }
                    List<Conversion> conversion = new ArrayList<>();
                    for (Transition[] step : Transition.STEPS) {
                        long base = funnel.get(step[0].key());
                        conversion.add(new Conversion(step[0].key(), step[1].key(),
                                base == 0 ? null : (double) funnel.get(step[1].key()) / base));
                    }
                    return conn.preparedQuery(MEDIANS).execute(Tuple.of(start(from), start(to.plusDays(1)), department))
                            .chain(medianRows -> {
                                Map<String, Median> medians = new LinkedHashMap<>();
                                for (String stage : List.of("decision", "to-experiment", "experiment")) {
                                    medians.put(stage, new Median(null, 0));
                                }
                                for (Row row : medianRows) {
                                    medians.put(row.getString(0), new Median(row.getDouble(1), row.getLong(2)));
                                }
                                Summary figures = new Summary(department, from, to, previousFrom, previousTo, COUNTED_BY, funnel,
                                        previous, conversion, medians, "hidden", null, null, null, null, null, NOT_TOLD, asOf);
                                return detail ? detail(conn, figures, detailDepartment, now, today) : Uni.createFrom().item(figures);
                            });
                })));
    }

    private Uni<Summary> detail(SqlConnection conn, Summary s, String department, Instant now, LocalDate today) {
        return conn.preparedQuery(OLDEST).execute(Tuple.of(department)).chain(oldestRows -> {
            OldestWaiting oldest = null;
            for (Row row : oldestRows) {
                Instant since = row.getOffsetDateTime(3).toInstant();
                oldest = new OldestWaiting(row.getUUID(0), row.getString(1), row.getString(2), since,
                        Math.max(0, ChronoUnit.DAYS.between(since, now)));
            }
            OldestWaiting oldestWaiting = oldest;
            return revisitCounts(conn, department, now).chain(revisits -> conn.preparedQuery(FINDINGS).execute(Tuple.of(department))
                    .chain(findingRows -> {
                        Map<String, Long> byKind = new LinkedHashMap<>();
                        long total = 0;
                        for (Row row : findingRows) {
                            byKind.put(row.getString(0), row.getLong(1));
                            total += row.getLong(1);
                        }
                        Findings findings = new Findings(total, byKind);
                        return conn.preparedQuery(SYSTEMS).execute(Tuple.of(department, today)).map(systemRows -> {
                            Row r = systemRows.iterator().next();
                            List<Gap> gaps = List.of(
                                    new Gap("Art. 4", "accountable owner without valid AI-literacy training", r.getLong(1)),
                                    new Gap("Art. 5", "classified as a prohibited practice and not retired", r.getLong(2)),
                                    new Gap("Art. 6 / Annex III", "not classified yet", r.getLong(3)),
                                    new Gap("Art. 26(2)", "high-risk without named human oversight", r.getLong(4)),
                                    new Gap("Art. 26(5), Art. 73", "serious incident not notified to the authority", r.getLong(8)),
                                    new Gap("Art. 26(6)", "high-risk without logs kept for at least 6 months", r.getLong(5)),
                                    new Gap("Art. 26(7)", "high-risk without workers informed", r.getLong(6)),
                                    new Gap("Art. 27", "high-risk with its fundamental-rights impact assessment not completed",
                                            r.getLong(7)),
                                    new Gap("accountability", "AI system without an accountable owner", r.getLong(0)));
                            long owners = r.getLong(9);
                            long trained = r.getLong(10);
                            Literacy literacy = new Literacy(owners, trained, owners == 0 ? null : (double) trained / owners,
                                    "accountable owners of AI systems in use with AI-literacy training valid today");
                            return new Summary(s.department(), s.from(), s.to(), s.previousFrom(), s.previousTo(), s.countedBy(),
                                    s.funnel(), s.previousFunnel(), s.conversion(), s.medianDays(),
                                    department == null ? "all" : department, oldestWaiting, revisits, findings, gaps, literacy,
                                    s.notTold(), s.asOfFeedId());
                        });
                    }));
        });
    }

    /** The open revisit cases of {@code department} (null: all), due first (the longest due first). */
    public Uni<RevisitList> revisits(String department, Instant now) {
        Instant overdueBefore = now.minus(OVERDUE_AFTER_DAYS, ChronoUnit.DAYS);
        return inSnapshot(conn -> head(conn).chain(asOf -> revisitCounts(conn, department, now)
                .chain(counts -> conn.preparedQuery(REVISIT_ITEMS).execute(Tuple.of(department, MAX_REVISITS)).map(rows -> {
                    List<RevisitItem> items = new ArrayList<>();
                    for (Row row : rows) {
                        Instant dueAt = row.getOffsetDateTime(7) == null ? null : row.getOffsetDateTime(7).toInstant();
                        items.add(new RevisitItem(row.getUUID(0), row.getUUID(1), row.getString(2), row.getString(3),
                                row.getString(4), row.getString(5), row.getInteger(6), dueAt,
                                "DUE".equals(row.getString(5)) && dueAt != null && dueAt.isBefore(overdueBefore)));
                    }
                    return new RevisitList(department, counts, items, asOf);
                }))));
    }

    private static Uni<RevisitCounts> revisitCounts(SqlConnection conn, String department, Instant now) {
        return conn.preparedQuery(REVISIT_COUNTS)
                .execute(Tuple.of(department, now.minus(OVERDUE_AFTER_DAYS, ChronoUnit.DAYS).atOffset(ZoneOffset.UTC)))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return new RevisitCounts(row.getLong(0), row.getLong(1), row.getLong(2), OVERDUE_AFTER_DAYS);
                });
    }

    private static Uni<Long> head(SqlConnection conn) {
        return conn.query(HEAD).execute().map(rows -> rows.iterator().next().getLong(0));
    }

    private <T> Uni<T> inSnapshot(java.util.function.Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(conn -> conn.query("set transaction isolation level repeatable read, read only").execute()
                .chain(ignored -> work.apply(conn)));
    }

    private static java.time.OffsetDateTime start(LocalDate day) {
        return day.atStartOfDay().atOffset(ZoneOffset.UTC);
    }
}
