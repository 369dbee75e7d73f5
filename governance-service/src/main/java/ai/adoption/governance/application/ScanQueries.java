package ai.adoption.governance.application;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;
import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.governance.application.ScanViews.DimensionView;
import ai.adoption.governance.application.ScanViews.LevelView;
import ai.adoption.governance.application.ScanViews.ScanView;
import ai.adoption.governance.application.ScanViews.TargetsView;
import ai.adoption.governance.application.ScanViews.TrendView;
import ai.adoption.governance.domain.Access;
import ai.adoption.governance.domain.LiteracyCoverage;
import ai.adoption.governance.domain.ScanDimension;
import ai.adoption.governance.domain.ScanLevel;
import ai.adoption.governance.domain.ScanNextSteps;
import ai.adoption.governance.domain.ScanResult;
import ai.adoption.governance.domain.ScanTargets;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The AI-scan's reads, each as known at a knowledge point (README, "As known at") and echoing it: one scan with its result,
 * gaps, measured literacy coverage and next steps; a department's trend; its targets. Constant statements: a scan's answers
 * are the latest row per respondent known at the point, a trend's those of every scan of the department in one query.
 */
@ApplicationScoped
public class ScanQueries {

    private static final String SCAN = "select s.scan_id, s.department, s.label, s.period_from, s.period_to, "
            + "case when kc.known_at <= ?2 then s.closed_on end, s.version from gov_scan s "
            + "join gov_knowledge ko on ko.event_id = s.opened_event_id and ko.known_at <= ?2 "
            + "left join gov_knowledge kc on kc.event_id = s.closed_event_id ";
    private static final String ANSWERS = "select distinct on (a.scan_id, a.respondent) a.scan_id, a.respondent, a.data, a.technology, "
            + "a.customer_focus, a.ai_literacy from gov_scan_answer a join gov_knowledge k on k.event_id = a.event_id and k.known_at <= ?2 ";

    private final Knowledge knowledge;
    private final GapQueries gaps;

    @Inject
    public ScanQueries(Knowledge knowledge, GapQueries gaps) {
        this.knowledge = knowledge;
        this.gaps = gaps;
    }

    /** A scan as known at the point (null: the watermark), for a reader of its department. */
    public Uni<ScanView> scan(UUID id, Instant requested, Actor reader) {
        return Panache.withSession(() -> knowledge.point(requested).chain(knownAt -> Sql.rows(SCAN + "where s.scan_id = ?1", id, knownAt)
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        throw new NotFound("scan", id.toString());
                    }
                    Row scan = row(rows.get(0), knownAt);
                    requireReader(reader, scan.department());
                    return Sql.rows(ANSWERS + "where a.scan_id = ?1 order by a.scan_id, a.respondent, k.known_at desc", id, knownAt)
                            .chain(answers -> targets(scan.department(), knownAt).chain(targets -> {
                                List<ScanResult> results = ScanResult.of(levels(answers).getOrDefault(id, List.of()), targets.targets());
                                return gaps.coverage(scan.onDate(), knownAt, scan.department()).map(coverage ->
                                        view(scan, results, null, coverage,
                                                ScanNextSteps.suggest(id, scan.department(), scan.onDate(), results, coverage), knownAt));
                            }));
                })));
    }

    /** Every scan of the department known at the point, by period, each with its result and the median's change from the one before. */
    public Uni<TrendView> trend(String department, Instant requested, Actor reader) {
        requireReader(reader, department);
        return Panache.withSession(() -> knowledge.point(requested).chain(knownAt -> Sql.rows(SCAN + "where s.department = ?1 "
                        + "order by s.period_from, s.scan_id", department, knownAt)
                .chain(rows -> Sql.rows(ANSWERS + "join gov_scan s on s.scan_id = a.scan_id where s.department = ?1 "
                                + "order by a.scan_id, a.respondent, k.known_at desc", department, knownAt)
                        .chain(answers -> targets(department, knownAt).map(targets -> {
                            Map<UUID, List<List<ScanLevel>>> byScan = levels(answers);
                            List<ScanView> scans = new ArrayList<>();
                            List<ScanResult> previous = null;
                            for (Object[] r : rows) {
                                Row scan = row(r, knownAt);
                                List<ScanResult> results = ScanResult.of(byScan.getOrDefault(scan.id(), List.of()), targets.targets());
                                scans.add(view(scan, results, previous, null, List.of(), knownAt));
                                previous = results;
                            }
                            return new TrendView(department, scans, knownAt);
                        })))));
    }

    public Uni<TargetsView> targetsView(String department, Instant requested, Actor reader) {
        requireReader(reader, department);
        return Panache.withSession(() -> knowledge.point(requested).chain(knownAt -> targets(department, knownAt)
                .map(t -> new TargetsView(department, t.targets().targets().stream().map(l -> new LevelView(l.dimension(), l.level())).toList(),
                        t.reason(), knownAt))));
    }

    private record Targets(ScanTargets targets, String reason) {
    }

    private record Row(UUID id, String department, String label, LocalDate periodFrom, LocalDate periodTo, LocalDate closedOn, long version,
                       LocalDate onDate) {
    }

    private static Row row(Object[] r, Instant knownAt) {
        LocalDate to = Columns.date(r[4]);
        LocalDate closedOn = r[5] == null ? null : Columns.date(r[5]);
        LocalDate day = LocalDate.ofInstant(knownAt, ZoneOffset.UTC);
        LocalDate onDate = closedOn != null ? closedOn : (to.isBefore(day) ? to : day);
        return new Row(Columns.uuid(r[0]), Columns.text(r[1]), Columns.text(r[2]), Columns.date(r[3]), to, closedOn,
                Columns.longValue(r[6]), onDate);
    }

    private static void requireReader(Actor reader, String department) {
        if (!Access.readsScansOf(reader, department)) {
            throw new AccessDenied("Only members of the " + department + " department, compliance officers and admins read its AI-scans");
        }
    }

    private Uni<Targets> targets(String department, Instant knownAt) {
        return Sql.rows("select t.data, t.technology, t.customer_focus, t.ai_literacy, t.reason from gov_scan_target t "
                + "join gov_knowledge k on k.event_id = t.event_id and k.known_at <= ?2 where t.department = ?1 "
                + "order by k.known_at desc limit 1", department, knownAt).map(rows -> {
                    if (rows.isEmpty()) {
                        return new Targets(new ScanTargets(department, List.of()), null);
                    }
                    Object[] r = rows.get(0);
                    List<ScanLevel> levels = new ArrayList<>();
                    ScanDimension[] dimensions = ScanDimension.values();
                    for (int i = 0; i < dimensions.length; i++) {
                        if (r[i] != null) {
                            levels.add(new ScanLevel(dimensions[i], ((Number) r[i]).intValue()));
                        }
                    }
                    return new Targets(new ScanTargets(department, List.copyOf(levels)), r[4] == null ? null : r[4].toString());
                });
    }

    /** Each scan's current answers (rows of ANSWERS: scan, respondent, then the four levels in dimension order). */
    private static Map<UUID, List<List<ScanLevel>>> levels(List<Object[]> rows) {
        Map<UUID, List<List<ScanLevel>>> byScan = new HashMap<>();
        ScanDimension[] dimensions = ScanDimension.values();
        for (Object[] r : rows) {
            List<ScanLevel> answer = new ArrayList<>(dimensions.length);
            for (int i = 0; i < dimensions.length; i++) {
                answer.add(new ScanLevel(dimensions[i], ((Number) r[i + 2]).intValue()));
            }
            byScan.computeIfAbsent(Columns.uuid(r[0]), k -> new ArrayList<>()).add(answer);
        }
        return byScan;
    }

    private static ScanView view(Row scan, List<ScanResult> results, List<ScanResult> previous, LiteracyCoverage coverage,
                                 List<ScanNextSteps.NextStep> steps, Instant knownAt) {
        List<DimensionView> dimensions = new ArrayList<>();
        int respondents = 0;
        for (int i = 0; i < results.size(); i++) {
            ScanResult r = results.get(i);
            respondents = Math.max(respondents, r.answers());
            Double before = previous == null ? null : previous.get(i).median();
            Double change = before == null || r.median() == null ? null : r.median() - before;
            dimensions.add(new DimensionView(r.dimension(), r.answers(), r.median(), r.min(), r.max(), r.range(), r.target(), r.gap(), change,
                    r.dimension() == ScanDimension.AI_LITERACY ? coverage : null));
        }
        return new ScanView(scan.id(), scan.department(), scan.label(), scan.periodFrom(), scan.periodTo(),
                scan.closedOn() == null ? "OPEN" : "CLOSED", scan.closedOn(), scan.onDate(), respondents, dimensions, steps, knownAt,
                scan.version());
    }
}
