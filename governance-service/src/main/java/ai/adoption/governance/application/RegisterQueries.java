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
 * Reads of the register as of a date D and as known at a time K. Every effective-dated fact is
 * looked up the same way: recorded by K (and, for ownership, not superseded by K, not cancelled),
 * the latest effective date on or before D, ties going to the later recorded.
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

    /** knownAt when the caller gives none: everything recorded, whatever the database clock says. */
    public static final Instant EVERYTHING_RECORDED = Instant.parse("9999-12-31T23:59:59Z");

    private static final String LATEST = " and %1$s.effective_from <= ?1 and %1$s.recorded_at <= ?2 "
            + "order by %1$s.effective_from desc, %1$s.recorded_at desc limit 1";

    private static final String SNAPSHOT = "select s.system_id, s.name, s.tool, s.vendor, s.purpose, s.scope, s.data_class, s.origin, "
            + "s.experiment_id, s.idea_id, s.lead, s.registered_on, s.version, o.department, o.owner, "
            + "coalesce(l.lifecycle, s.initial_lifecycle), c.role, c.risk_tier, c.annex_iii_area, c.prohibited, c.transparency, "
            + "c.effective_from, b.oversight, b.workers_informed_on, b.log_retention_months, b.fria_status, b.fria_summary, "
            + "b.eu_registration_applies, b.eu_database_ref, b.effective_from "
            + "from gov_system s "
            + "join lateral (select o.department, o.owner from gov_ownership o where o.system_id = s.system_id and not o.cancelled "
            + "and (o.superseded_at is null or o.superseded_at > ?2)" + LATEST.formatted("o") + ") o on true "
            + "left join lateral (select l.lifecycle from gov_lifecycle l where l.system_id = s.system_id"
            + LATEST.formatted("l") + ") l on true "
            + "left join lateral (select c.* from gov_classification c where c.system_id = s.system_id"
            + LATEST.formatted("c") + ") c on true "
            + "left join lateral (select b.* from gov_obligations b where b.system_id = s.system_id"
            + LATEST.formatted("b") + ") b on true "
            + "where s.registered_at <= ?2 ";

    private static final String OWNERSHIP_COLUMNS = "o.transfer_id, o.kind, o.effective_from, o.recorded_at, o.superseded_at, "
            + "o.cancelled, o.from_department, o.from_owner, o.department, o.owner, o.decided_by, o.reason";

    private final Names names;

    @Inject
    public RegisterQueries(Names names) {
        this.names = names;
    }

    /** Systems on the register on D as known at K; optionally of one department (on D) or one system. */
    Uni<List<Snapshot>> snapshots(LocalDate asOf, Instant knownAt, String department, UUID systemId) {
        String sql = SNAPSHOT + (department != null ? "and o.department = ?3 " : "and cast(?3 as text) is null ")
                + (systemId != null ? "and s.system_id = ?4 " : "and cast(?4 as uuid) is null ") + "order by s.name, s.system_id";
        return Sql.rows(sql, asOf, knownAt, department, systemId).map(rows -> rows.stream().map(RegisterQueries::snapshot).toList());
    }

    public Uni<SystemView> system(UUID id, LocalDate asOf, Instant knownAt) {
        return Panache.withSession(() -> SystemRow.<SystemRow>findById(id).chain(row -> {
            if (row == null) {
                throw new NotFound("AI system", id.toString());
            }
            return snapshots(asOf, knownAt, null, id).chain(found -> incidents(id).chain(incidents -> {
                Snapshot s = found.isEmpty() ? null : found.get(0);
                Set<String> people = new HashSet<>();
                people.add(row.lead);
                if (s != null) {
                    people.add(s.owner());
                    people.addAll(s.oversight());
                }
                return names.of(people).map(n -> view(row, s, asOf, incidents, n));
            }));
        }));
    }

    /** The department that owns the system today, as recorded now (null if unknown): who may read it. */
    public Uni<String> departmentToday(UUID id, LocalDate today) {
        return Panache.withSession(() -> Sql.rows("select o.department, o.owner from gov_ownership o where o.system_id = ?3 and not o.cancelled "
                        + "and o.superseded_at is null" + LATEST.formatted("o"), today, EVERYTHING_RECORDED, id))
                .map(rows -> rows.isEmpty() ? null : Columns.text(rows.get(0)[0]));
    }

    /** One statement: the assertion in force, with the owner's and decider's names; a second only to tell "no such system" apart. */
    public Uni<OwnershipView> ownership(UUID id, LocalDate asOf, Instant knownAt) {
        return Panache.withSession(() -> Sql.rows("select " + OWNERSHIP_COLUMNS + ", po.display_name, pd.display_name "
                        + "from gov_ownership o left join gov_person po on po.person_id = o.owner "
                        + "left join gov_person pd on pd.person_id = o.decided_by "
                        + "where o.system_id = ?3 and not o.cancelled and (o.superseded_at is null or o.superseded_at > ?2)"
                        + LATEST.formatted("o"), asOf, knownAt, id)
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return requireSystem(id).map(ignored -> new OwnershipView(id, asOf, knownAt, null, null, null, null, null, null,
                                null, "not on the register on this date, as known at this time"));
                    }
                    Object[] r = rows.get(0);
                    return Uni.createFrom().item(new OwnershipView(id, asOf, knownAt, Columns.text(r[8]), ref(r[9], r[12]),
                            Columns.date(r[2]), Columns.uuid(r[0]), Sql.enumOf(OwnershipKind.class, r[1]), Columns.instant(r[3]),
                            ref(r[10], r[13]), Columns.text(r[11])));
                }));
    }

    private static PersonRef ref(Object id, Object name) {
        return id == null ? null : new PersonRef(id.toString(), name == null ? null : name.toString());
    }

    /** Every ownership assertion of the system, in the order recorded; {@code knownAt}: only what was recorded by then. */
    public Uni<List<OwnershipRecord>> ownershipHistory(UUID id, Instant knownAt) {
        return Panache.withSession(() -> requireSystem(id).chain(() -> Sql.rows("select " + OWNERSHIP_COLUMNS
                        + " from gov_ownership o where o.system_id = ?1 and o.recorded_at <= ?2 order by o.recorded_at, o.effective_from",
                        id, knownAt))
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
                                Columns.instant(r[3]), superseded != null && superseded.isAfter(knownAt) ? null : superseded,
                                (Boolean) r[5], Columns.text(r[6]), n.ref(Columns.text(r[7])), Columns.text(r[8]),
                                n.ref(Columns.text(r[9])), n.ref(Columns.text(r[10])), Columns.text(r[11]));
                    }).toList());
                }));
    }

    /** Systems in use on D (not retired), as known at K. */
    public Uni<Inventory> inventory(LocalDate asOf, Instant knownAt, String department) {
        return Panache.withSession(() -> snapshots(asOf, knownAt, department, null).chain(all -> {
            List<Snapshot> live = all.stream().filter(Snapshot::live).toList();
            return names.of(owners(live)).map(n -> new Inventory(asOf, EVERYTHING_RECORDED.equals(knownAt) ? null : knownAt, department, live.size(),
                    live.stream().map(s -> entry(s, n)).toList()));
        }));
    }

    /**
     * What changed between D1 and D2 (as known now): systems added (in use on D2, not on D1), retired
     * (in use on D1, not on D2), ownership changed, classification changed. With a department: the
     * systems that department held on either date.
     */
    public Uni<InventoryDiff> diff(LocalDate from, LocalDate to, String department) {
        Instant now = EVERYTHING_RECORDED;
        return Panache.withSession(() -> snapshots(from, now, null, null).chain(before -> snapshots(to, now, null, null).chain(after -> {
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
                return new InventoryDiff(from, to, department, added, retired, owners, classes);
            });
        })));
    }

    Uni<List<IncidentView>> incidents(UUID systemId) {
        return Sql.rows("select incident_id, summary, occurred_at, serious, provider_informed_at, authority_informed_at, recorded_at "
                        + "from gov_incident where system_id = ?1 order by occurred_at, incident_id", systemId)
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

    private static SystemView view(SystemRow row, Snapshot s, LocalDate asOf, List<IncidentView> incidents, Names.Known n) {
        ClassificationView classification = s == null || !s.classified() ? null : new ClassificationView(s.role(), s.riskTier(),
                s.annexIIIArea(), s.prohibited(), s.transparency(), s.classifiedFrom());
        ObligationsView obligations = s == null || s.obligationsFrom() == null ? null : new ObligationsView(
                s.oversight().stream().map(n::ref).toList(), s.workersInformedOn(), s.logRetentionMonths(), s.friaStatus(),
                s.friaSummary(), !Boolean.FALSE.equals(s.euRegistrationApplies()), s.euDatabaseRef(), s.obligationsFrom());
        return new SystemView(row.id, row.name, row.tool, row.vendor, row.purpose, row.scope, row.dataClass, row.origin, row.experimentId,
                row.ideaId, n.ref(row.lead), row.registeredOn, asOf, s == null ? null : s.lifecycle(),
                s == null ? null : new Holder(s.department(), n.ref(s.owner())), classification, obligations, incidents, row.version);
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
