package ai.adoption.governance.application;

import ai.adoption.eventsourcing.core.NotFound;
import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.governance.application.Views.Change;
import ai.adoption.governance.application.Views.ClassificationView;
import ai.adoption.governance.application.Views.Holder;
import ai.adoption.governance.application.Views.IncidentView;
import ai.adoption.governance.application.Views.Inventory;
import ai.adoption.governance.application.Views.InventoryDiff;
import ai.adoption.governance.application.Views.InventoryEntry;
import ai.adoption.governance.application.Views.ObligationsView;
import ai.adoption.governance.application.Views.OwnershipRecord;
import ai.adoption.governance.application.Views.OwnershipView;
import ai.adoption.governance.application.Views.PersonRef;
import ai.adoption.governance.application.Views.SystemView;
import ai.adoption.governance.domain.AiActRole;
import ai.adoption.governance.domain.AnnexIIIArea;
import ai.adoption.governance.domain.DataClass;
import ai.adoption.governance.domain.FriaStatus;
import ai.adoption.governance.domain.Lifecycle;
import ai.adoption.governance.domain.OwnershipKind;
import ai.adoption.governance.domain.RiskTier;
import ai.adoption.governance.domain.SystemOrigin;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Reads of the register as of a date D and as known at a knowledge point K (README, "As known at").
 * A fact is known at K when its event's stamp in {@code gov_knowledge} is at or before K (commit
 * order, {@link KnowledgeStamper}). Lifecycle, classification and obligations: the known value with
 * the latest effective date on or before D, ties going to the later known. Ownership: each transfer
 * (or the registration) as its latest known assertion says, unless cancelled; the one with the
 * latest effective date on or before D, ties going to the transfer recorded later in the system's
 * stream (a correction keeps its transfer's place).
 */
@ApplicationScoped
public class RegisterQueries {

    /** One system's state on D as known at K; {@code department}/{@code owner} null when not on the register on D. */
    record Snapshot(UUID id, String name, String tool, String vendor, String purpose, String scope, DataClass dataClass,
                    SystemOrigin origin, UUID experimentId, UUID ideaId, String lead, LocalDate registeredOn, long version,
                    String department, String owner, Lifecycle lifecycle, AiActRole role, RiskTier riskTier, AnnexIIIArea annexIIIArea,
                    boolean prohibited, List<String> transparency, LocalDate classifiedFrom, List<String> oversight,
                    LocalDate workersInformedOn, Integer logRetentionMonths, FriaStatus friaStatus, String friaSummary,
                    Boolean euRegistrationApplies, String euDatabaseRef, LocalDate obligationsFrom) {

        boolean live() {
            return lifecycle != Lifecycle.RETIRED;
        }

        boolean classified() {
            return riskTier != null;
        }

        boolean highRisk() {
            return riskTier == RiskTier.HIGH;
        }
    }


    /** The latest known value of an effective-dated table (alias %1$s) on D (?1), as known at K (?2). */
    private static final String LATEST = " join gov_knowledge k on k.event_id = %1$s.event_id and k.known_at <= ?2 "
            + "where %1$s.system_id = s.system_id and %1$s.effective_from <= ?1 order by %1$s.effective_from desc, k.known_at desc limit 1";

    /** The ownership assertion in force on D (?1) as known at K (?2), for the system {@code %s}. */
    static final String OWNERSHIP_AS_OF = "select o.* from (select distinct on (o.transfer_id) o.*, k.known_at from gov_ownership o "
            + "join gov_knowledge k on k.event_id = o.assertion_id and k.known_at <= ?2 where o.system_id = %s "
            + "order by o.transfer_id, k.known_at desc) o where not o.cancelled and o.effective_from <= ?1 "
            + "order by o.effective_from desc, o.transfer_seq desc limit 1";

    private static final String SNAPSHOT = "select s.system_id, s.name, s.tool, s.vendor, s.purpose, s.scope, s.data_class, s.origin, "
            + "s.experiment_id, s.idea_id, s.lead, s.registered_on, s.version, o.department, o.owner, "
            + "coalesce(l.lifecycle, s.initial_lifecycle), c.role, c.risk_tier, c.annex_iii_area, c.prohibited, c.transparency, "
            + "c.effective_from, b.oversight, b.workers_informed_on, b.log_retention_months, b.fria_status, b.fria_summary, "
            + "b.eu_registration_applies, b.eu_database_ref, b.effective_from "
            + "from gov_system s "
            + "join lateral (" + OWNERSHIP_AS_OF.formatted("s.system_id") + ") o on true "
            + "left join lateral (select l.lifecycle from gov_lifecycle l" + LATEST.formatted("l") + ") l on true "
            + "left join lateral (select c.* from gov_classification c" + LATEST.formatted("c") + ") c on true "
            + "left join lateral (select b.* from gov_obligations b" + LATEST.formatted("b") + ") b on true "
            + "where true ";

    /** The notifications of incident i known at K (?2): the latest known time of each kind. */
    static final String NOTIFIED = "select (array_agg(x.provider_informed_at order by kx.known_at desc) "
            + "filter (where x.provider_informed_at is not null))[1] as provider_informed_at, "
            + "(array_agg(x.authority_informed_at order by kx.known_at desc) filter (where x.authority_informed_at is not null))[1] "
            + "as authority_informed_at from gov_incident_notification x join gov_knowledge kx on kx.event_id = x.event_id "
            + "and kx.known_at <= ?2 where x.incident_id = i.incident_id";

    private static final String OWNERSHIP_COLUMNS = "o.transfer_id, o.kind, o.effective_from, o.known_at, o.superseded_at, "
            + "o.cancelled, o.from_department, o.from_owner, o.department, o.owner, o.decided_by, o.reason";

    private final Names names;
    private final Knowledge knowledge;

    @Inject
    public RegisterQueries(Names names, Knowledge knowledge) {
        this.names = names;
        this.knowledge = knowledge;
    }

    /** Systems on the register on D as known at K; optionally of one department (on D) or one system. */
    Uni<List<Snapshot>> snapshots(LocalDate asOf, Instant knownAt, String department, UUID systemId) {
        String sql = SNAPSHOT + (department != null ? "and o.department = ?3 " : "and cast(?3 as text) is null ")
                + (systemId != null ? "and s.system_id = ?4 " : "and cast(?4 as uuid) is null ") + "order by s.name, s.system_id";
        return Sql.rows(sql, asOf, knownAt, department, systemId).map(rows -> rows.stream().map(RegisterQueries::snapshot).toList());
    }

    /** The first key of the (name, system_id) order: every name sorts at or after the empty one. */
    static final String FIRST_NAME = "";
    static final UUID FIRST_ID = new UUID(0, 0);

    /** A page of the systems in use on D (?1, not retired) as known at K (?2), in (name, system_id) order from (?4, ?5) on. */
    private static final String LIVE_PAGE = " and coalesce(l.lifecycle, s.initial_lifecycle) <> 'RETIRED' "
            + "and (s.name, s.system_id) >= (?4, ?5) order by s.name, s.system_id limit ?6";

    /**
     * Up to {@code rows} systems in use on D as known at K, optionally of one department (on D), in (name, system_id) order
     * starting at the system (name, id) inclusive: an index walk of {@code gov_system_name_order} from the key (V111).
     */
    Uni<List<Snapshot>> livePage(LocalDate asOf, Instant knownAt, String department, String fromName, UUID fromId, int rows) {
        return Sql.rows(livePageSql(department != null), asOf, knownAt, department, fromName, fromId, rows)
                .map(found -> found.stream().map(RegisterQueries::snapshot).toList());
    }

    /** The page statement, with or without the department filter: two constant texts (RegisterPagePlanTest explains both). */
    static String livePageSql(boolean department) {
        return SNAPSHOT + (department ? "and o.department = ?3" : "and cast(?3 as text) is null") + LIVE_PAGE;
    }

    /** The system on D as known at the requested point (null: the watermark); the view echoes the point used. */
    public Uni<SystemView> system(UUID id, LocalDate asOf, Instant requested) {
        return Panache.withSession(() -> SystemRow.<SystemRow>findById(id).chain(row -> {
            if (row == null) {
                throw new NotFound("AI system", id.toString());
            }
            return knowledge.point(requested).chain(knownAt -> registeredBy(id, knownAt)).chain(knownAt -> snapshots(asOf, knownAt, null, id)
                    .chain(found -> incidents(id, knownAt).chain(incidents -> {
                Snapshot s = found.isEmpty() ? null : found.get(0);
                Set<String> people = new HashSet<>();
                people.add(row.lead);
                if (s != null) {
                    people.add(s.owner());
                    people.addAll(s.oversight());
                }
                return names.of(people).map(n -> view(row, s, asOf, knownAt, incidents, n));
            })));
        }));
    }

    /** {@code knownAt}, if the system's registration is known at it; otherwise the system is not on the register yet: 404. */
    private static Uni<Instant> registeredBy(UUID id, Instant knownAt) {
        return Sql.rows("select 1, 0 from es_event e join gov_knowledge k on k.global_position = e.global_position "
                        + "where e.stream_type = ?1 and e.stream_id = ?2 and e.stream_version = 1 and k.known_at <= ?3",
                        Aggregates.SYSTEM.name(), id.toString(), knownAt)
                .map(rows -> {
                    if (rows.isEmpty()) {
                        throw new NotFound("AI system", id.toString());
                    }
                    return knownAt;
                });
    }

    /** The department that owns the system today, as committed now (null if unknown): who may read it. */
    public Uni<String> departmentToday(UUID id, LocalDate today) {
        return Panache.withSession(() -> Sql.rows("select o.department, o.owner from gov_ownership o where o.system_id = ?2 and not o.cancelled "
                        + "and o.superseded_at is null and o.effective_from <= ?1 order by o.effective_from desc, o.transfer_seq desc limit 1",
                        today, id))
                .map(rows -> rows.isEmpty() ? null : Columns.text(rows.get(0)[0]));
    }

    /** One statement: the assertion in force, with the owner's and decider's names; a second only to tell "no such system" apart. */
    public Uni<OwnershipView> ownership(UUID id, LocalDate asOf, Instant requested) {
        return Panache.withSession(() -> knowledge.point(requested).chain(knownAt -> Sql.rows("select " + OWNERSHIP_COLUMNS
                        + ", po.display_name, pd.display_name from (" + OWNERSHIP_AS_OF.formatted("?3") + ") o "
                        + "left join gov_person po on po.person_id = o.owner left join gov_person pd on pd.person_id = o.decided_by",
                        asOf, knownAt, id)
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return requireSystem(id).map(ignored -> new OwnershipView(id, asOf, knownAt, null, null, null, null, null, null,
                                null, "not on the register on this date, as known at this time"));
                    }
                    Object[] r = rows.get(0);
                    return Uni.createFrom().item(new OwnershipView(id, asOf, knownAt, Columns.text(r[8]), ref(r[9], r[12]),
                            Columns.date(r[2]), Columns.uuid(r[0]), Sql.enumOf(OwnershipKind.class, r[1]), Columns.instant(r[3]),
                            ref(r[10], r[13]), Columns.text(r[11])));
                })));
    }

    private static PersonRef ref(Object id, Object name) {
        return id == null ? null : new PersonRef(id.toString(), name == null ? null : name.toString());
    }

    /**
     * Every ownership assertion of the system known at the point, in the order known; recordedAt is
     * its knowledge time, supersededAt the knowledge time of the next known assertion of the same transfer.
     */
    public Uni<List<OwnershipRecord>> ownershipHistory(UUID id, Instant requested) {
        return Panache.withSession(() -> requireSystem(id).chain(() -> knowledge.point(requested)).chain(knownAt -> Sql.rows("select "
                        + OWNERSHIP_COLUMNS.replace("o.superseded_at", "lead(k.known_at) over (partition by o.transfer_id order by k.known_at)")
                                .replace("o.known_at", "k.known_at")
                        + " from gov_ownership o join gov_knowledge k on k.event_id = o.assertion_id and k.known_at <= ?2 "
                        + "where o.system_id = ?1 order by k.known_at", id, knownAt))
                .chain(rows -> {
                    Set<String> people = new HashSet<>();
                    for (Object[] r : rows) {
                        people.add(Columns.text(r[7]));
                        people.add(Columns.text(r[9]));
                        people.add(Columns.text(r[10]));
                    }
                    return names.of(people).map(n -> rows.stream().map(r -> {
                        Instant superseded = r[4] == null ? null : Columns.instant(r[4]);
                        return new OwnershipRecord(Columns.uuid(r[0]), Sql.enumOf(OwnershipKind.class, r[1]), Columns.date(r[2]),
                                Columns.instant(r[3]), superseded,
                                (Boolean) r[5], Columns.text(r[6]), n.ref(Columns.text(r[7])), Columns.text(r[8]),
                                n.ref(Columns.text(r[9])), n.ref(Columns.text(r[10])), Columns.text(r[11]));
                    }).toList());
                }));
    }

    /** The knowledge point a read with this {@code knownAt} (null: none) uses. */
    public Uni<Instant> point(Instant requested) {
        return Panache.withSession(() -> knowledge.point(requested));
    }

    /**
     * One page of the systems in use on D (not retired), as known at the point, in (name, id) order: the first page (no
     * {@code after}) at the requested point, the following ones at the point and date their cursor carries.
     */
    public Uni<Inventory> inventory(LocalDate asOf, Instant requested, String department, Keyset after, int limit) {
        String fromName = after == null ? FIRST_NAME : after.key();
        UUID fromId = after == null ? FIRST_ID : after.id();
        return Panache.withSession(() -> knowledge.point(requested).chain(knownAt -> livePage(asOf, knownAt, department, fromName,
                fromId, limit + 2).chain(found -> {
            List<Snapshot> rows = new ArrayList<>(found);
            if (after != null && !rows.isEmpty() && rows.get(0).id().equals(after.id()) && after.skip() > 0) {
                rows.remove(0); // the cursor's own system ended the previous page
            }
            boolean more = rows.size() > limit;
            List<Snapshot> page = more ? rows.subList(0, limit) : rows;
            Snapshot last = page.isEmpty() ? null : page.get(page.size() - 1);
            String next = more ? new Keyset(knownAt, asOf, last.name(), last.id(), 1).encode() : null;
            return names.of(owners(page)).map(n -> new Inventory(asOf, knownAt, department, page.size(),
                    page.stream().map(s -> entry(s, n)).toList(), next));
        })));
    }

    /**
     * What changed between D1 and D2, both as known at the same point: systems added (in use on D2, not on D1), retired
     * (in use on D1, not on D2), ownership changed, classification changed. With a department: the
     * systems that department held on either date.
     */
    public Uni<InventoryDiff> diff(LocalDate from, LocalDate to, String department, Instant requested) {
        return Panache.withSession(() -> knowledge.point(requested).chain(now -> snapshots(from, now, null, null)
                .chain(before -> snapshots(to, now, null, null).chain(after -> {
            Map<UUID, Snapshot> then = index(before);
            Map<UUID, Snapshot> later = index(after);
            Set<UUID> ids = new java.util.LinkedHashSet<>(then.keySet());
            ids.addAll(later.keySet());
            Set<String> people = new HashSet<>(owners(before));
            people.addAll(owners(after));
            return names.of(people).map(n -> {
                List<InventoryEntry> added = new ArrayList<>();
                List<InventoryEntry> retired = new ArrayList<>();
                List<Change> owners = new ArrayList<>();
                List<Change> classes = new ArrayList<>();
                for (UUID id : ids) {
                    Snapshot a = live(then.get(id));
                    Snapshot b = live(later.get(id));
                    if (department != null && !(a != null && department.equals(a.department()))
                            && !(b != null && department.equals(b.department()))) {
                        continue;
                    }
                    if (a == null && b != null) {
                        added.add(entry(b, n));
                    } else if (a != null && b == null) {
                        Snapshot gone = later.get(id);
                        retired.add(entry(gone != null ? gone : a, n));
                    } else if (a != null) {
                        if (!Objects.equals(a.department(), b.department()) || !Objects.equals(a.owner(), b.owner())) {
                            owners.add(new Change(id, b.name(), entry(a, n), entry(b, n)));
                        }
                        if (!Objects.equals(a.riskTier(), b.riskTier()) || !Objects.equals(a.role(), b.role())
                                || !Objects.equals(a.annexIIIArea(), b.annexIIIArea()) || a.prohibited() != b.prohibited()) {
                            classes.add(new Change(id, b.name(), entry(a, n), entry(b, n)));
                        }
                    }
                }
                return new InventoryDiff(from, to, now, department, added, retired, owners, classes);
            });
        }))));
    }

    /** The incidents known at K, each with the notifications known at K (the latest known value of each). */
    Uni<List<IncidentView>> incidents(UUID systemId, Instant knownAt) {
        return Sql.rows("select i.incident_id, i.summary, i.occurred_at, i.serious, "
                        + "coalesce(n.provider_informed_at, i.provider_informed_at), coalesce(n.authority_informed_at, i.authority_informed_at), "
                        + "k.known_at from gov_incident i join gov_knowledge k on k.event_id = i.event_id and k.known_at <= ?2 "
                        + "left join lateral (" + NOTIFIED + ") n on true "
                        + "where i.system_id = ?1 order by i.occurred_at, i.incident_id", systemId, knownAt)
                .map(rows -> rows.stream().map(r -> new IncidentView(Columns.uuid(r[0]), Columns.text(r[1]), Columns.instant(r[2]),
                        (Boolean) r[3], instant(r[4]), instant(r[5]), Columns.instant(r[6]))).toList());
    }

    private Uni<Void> requireSystem(UUID id) {
        return SystemRow.<SystemRow>findById(id).invoke(row -> {
            if (row == null) {
                throw new NotFound("AI system", id.toString());
            }
        }).replaceWithVoid();
    }

    static InventoryEntry entry(Snapshot s, Names.Known n) {
        return new InventoryEntry(s.id(), s.name(), s.tool(), s.dataClass(), s.lifecycle(), s.department(), n.ref(s.owner()), s.role(),
                s.riskTier(), s.annexIIIArea(), s.prohibited());
    }

    private static SystemView view(SystemRow row, Snapshot s, LocalDate asOf, Instant knownAt, List<IncidentView> incidents, Names.Known n) {
        ClassificationView classification = s == null || !s.classified() ? null : new ClassificationView(s.role(), s.riskTier(),
                s.annexIIIArea(), s.prohibited(), s.transparency(), s.classifiedFrom());
        ObligationsView obligations = s == null || s.obligationsFrom() == null ? null : new ObligationsView(
                s.oversight().stream().map(n::ref).toList(), s.workersInformedOn(), s.logRetentionMonths(), s.friaStatus(),
                s.friaSummary(), !Boolean.FALSE.equals(s.euRegistrationApplies()), s.euDatabaseRef(), s.obligationsFrom());
        return new SystemView(row.id, row.name, row.tool, row.vendor, row.purpose, row.scope, row.dataClass, row.origin, row.experimentId,
                row.ideaId, n.ref(row.lead), row.registeredOn, asOf, s == null ? null : s.lifecycle(),
                s == null ? null : new Holder(s.department(), n.ref(s.owner())), classification, obligations, incidents, row.version,
                knownAt);
    }

    private static Snapshot snapshot(Object[] r) {
        return new Snapshot(Columns.uuid(r[0]), Columns.text(r[1]), Columns.text(r[2]), Columns.text(r[3]), Columns.text(r[4]),
                Columns.text(r[5]), Sql.enumOf(DataClass.class, r[6]), Sql.enumOf(SystemOrigin.class, r[7]),
                r[8] == null ? null : Columns.uuid(r[8]), r[9] == null ? null : Columns.uuid(r[9]), Columns.text(r[10]),
                Columns.date(r[11]), Columns.longValue(r[12]), Columns.text(r[13]), Columns.text(r[14]),
                Sql.enumOf(Lifecycle.class, r[15]), Sql.enumOf(AiActRole.class, r[16]), Sql.enumOf(RiskTier.class, r[17]),
                Sql.enumOf(AnnexIIIArea.class, r[18]), Boolean.TRUE.equals(r[19]), Sql.strings(r[20]),
                r[21] == null ? null : Columns.date(r[21]), Sql.strings(r[22]), r[23] == null ? null : Columns.date(r[23]),
                Sql.integer(r[24]), Sql.enumOf(FriaStatus.class, r[25]), Columns.text(r[26]), Sql.bool(r[27]), Columns.text(r[28]),
                r[29] == null ? null : Columns.date(r[29]));
    }

    private static Map<UUID, Snapshot> index(List<Snapshot> snapshots) {
        Map<UUID, Snapshot> byId = new LinkedHashMap<>();
        snapshots.forEach(s -> byId.put(s.id(), s));
        return byId;
    }

    private static Snapshot live(Snapshot s) {
        return s != null && s.live() ? s : null;
    }

    static Set<String> owners(List<Snapshot> snapshots) {
        Set<String> owners = new HashSet<>();
        snapshots.forEach(s -> owners.add(s.owner()));
        return owners;
    }

    private static Instant instant(Object value) {
        return value == null ? null : Columns.instant(value);
    }
}
