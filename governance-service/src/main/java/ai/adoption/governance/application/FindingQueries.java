package ai.adoption.governance.application;

import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.governance.application.Views.FindingPage;
import ai.adoption.governance.application.Views.FindingView;
import ai.adoption.governance.domain.DataClass;
import ai.adoption.governance.domain.FindingKind;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The findings on ideas, newest first, one keyset page at a time, as known at a knowledge point: a finding is listed
 * once its {@code finding.raised} event is stamped, and shown resolved once its {@code finding.resolved} event is (V111).
 */
@ApplicationScoped
public class FindingQueries {

    /** Before every key of the (raised_at, finding_id) descending order. */
    private static final Instant FIRST_RAISED = Instant.parse("9999-12-31T23:59:59Z");
    private static final UUID FIRST_ID = new UUID(-1L, -1L);

    private static final String PAGE = "select f.finding_id, f.idea_id, f.department, f.tool, f.data_class, f.kind, f.allowed, "
            + "f.message, f.raised_at, case when kr.event_id is null then null else f.resolved_at end, "
            + "case when kr.event_id is null then null else f.resolution end from gov_finding f "
            + "join gov_knowledge k on k.event_id = f.event_id and k.known_at <= ?1 "
            + "left join gov_knowledge kr on kr.event_id = f.resolved_event_id and kr.known_at <= ?1 "
            + "where (f.raised_at, f.finding_id) < (?4, ?5) %s order by f.raised_at desc, f.finding_id desc limit ?6";

    /** One text per combination of filters, each served by its index (V111): constant, whatever the page. */
    static final String ALL = PAGE.formatted("and cast(?2 as uuid) is null and cast(?3 as text) is null");
    static final String BY_IDEA = PAGE.formatted("and f.idea_id = ?2 and cast(?3 as text) is null");
    static final String BY_DEPARTMENT = PAGE.formatted("and cast(?2 as uuid) is null and f.department = ?3");
    static final String BY_BOTH = PAGE.formatted("and f.idea_id = ?2 and f.department = ?3");

    private final Knowledge knowledge;

    @Inject
    public FindingQueries(Knowledge knowledge) {
        this.knowledge = knowledge;
    }

    /**
     * One page: the first (no {@code after}) at the requested point (null: the watermark), the following ones at the point their
     * cursor carries, so a walk is one snapshot whatever is raised or resolved meanwhile.
     */
    public Uni<FindingPage> findings(UUID ideaId, String department, Instant requested, Keyset after, int limit) {
        Instant fromRaised = after == null ? FIRST_RAISED : resumesAt(after);
        UUID fromId = after == null ? FIRST_ID : after.id();
        String sql = ideaId != null ? (department != null ? BY_BOTH : BY_IDEA) : (department != null ? BY_DEPARTMENT : ALL);
        return Panache.withSession(() -> knowledge.point(requested).chain(knownAt -> Sql.rows(sql, knownAt, ideaId, department,
                        fromRaised, fromId, limit + 1)
                .map(rows -> {
                    boolean more = rows.size() > limit;
                    List<FindingView> page = (more ? rows.subList(0, limit) : rows).stream().map(FindingQueries::view).toList();
                    FindingView last = page.isEmpty() ? null : page.get(page.size() - 1);
                    String next = more ? new Keyset(knownAt, null, last.raisedAt().toString(), last.findingId(), 0).encode() : null;
                    return new FindingPage(knownAt, department, ideaId, page.size(), page, next);
                })));
    }

    /** The raisedAt a cursor of this list resumes before; null when the cursor is not one of this list. */
    public static Instant resumesAt(Keyset after) {
        try {
            return Instant.parse(after.key());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static FindingView view(Object[] r) {
        return new FindingView(Columns.uuid(r[0]), Columns.uuid(r[1]), Columns.text(r[2]), Columns.text(r[3]),
                Sql.enumOf(DataClass.class, r[4]), Sql.enumOf(FindingKind.class, r[5]),
                Sql.strings(r[6]).stream().map(DataClass::valueOf).toList(), Columns.text(r[7]), Columns.instant(r[8]),
                r[9] == null ? null : Columns.instant(r[9]), Columns.text(r[10]));
    }
}
