package ai.adoption.governance.application;

import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.governance.application.RegisterQueries.Snapshot;
import ai.adoption.governance.application.Views.Gap;
import ai.adoption.governance.application.Views.Gaps;
import ai.adoption.governance.application.Views.LiteracyGap;
import ai.adoption.governance.domain.ApprovedTool;
import ai.adoption.governance.domain.DataClass;
import ai.adoption.governance.domain.FriaStatus;
import ai.adoption.governance.domain.Lifecycle;
import ai.adoption.governance.domain.LiteracyCoverage;
import ai.adoption.governance.domain.ToolPolicy;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Compliance gaps on a date, each naming the AI Act article behind it, for the systems in use on
 * that date, as known at a knowledge point (README, "As known at"). Four queries whatever the size
 * of the register: the systems on the date, who holds valid training on it, the approved-tool terms
 * (with the revocations known), the serious incidents (with the notifications known).
 */
@ApplicationScoped
public class GapQueries {

    public static final String NO_OWNER = "NO_OWNER";
    public static final String NOT_CLASSIFIED = "NOT_CLASSIFIED";
    public static final String OWNER_NOT_TRAINED = "OWNER_NOT_TRAINED";
    public static final String OVERSIGHT_NOT_TRAINED = "OVERSIGHT_NOT_TRAINED";
    public static final String HIGH_RISK_NO_OVERSIGHT = "HIGH_RISK_NO_OVERSIGHT";
    public static final String HIGH_RISK_NO_FRIA = "HIGH_RISK_NO_FRIA";
    public static final String HIGH_RISK_WORKERS_NOT_INFORMED = "HIGH_RISK_WORKERS_NOT_INFORMED";
    public static final String HIGH_RISK_NOT_REGISTERED = "HIGH_RISK_NOT_REGISTERED";
    public static final String HIGH_RISK_NO_LOG_RETENTION = "HIGH_RISK_NO_LOG_RETENTION";
    public static final String PROHIBITED_IN_PRODUCTION = "PROHIBITED_IN_PRODUCTION";
    public static final String SERIOUS_INCIDENT_NOT_REPORTED = "SERIOUS_INCIDENT_NOT_REPORTED";

    private final RegisterQueries register;
    private final Knowledge knowledge;
    private final Names names;

    @Inject
    public GapQueries(RegisterQueries register, Knowledge knowledge, Names names) {
        this.register = register;
        this.knowledge = knowledge;
        this.names = names;
    }

    /**
     * One page of the gaps on D as known at the point, by system in (name, id) order and in a fixed order within a system:
     * the first page (no {@code after}) at the requested point (null: the watermark), the following ones at the point and
     * date their cursor carries. One batch of at most {@code limit} systems per page, so a page may hold fewer than
     * {@code limit} gaps (even none) before the end; the last page is the one without {@code next}.
     */
    public Uni<Gaps> gaps(LocalDate asOf, Instant requested, String department, Keyset after, int limit) {
        String fromName = after == null ? RegisterQueries.FIRST_NAME : after.key();
        UUID fromId = after == null ? RegisterQueries.FIRST_ID : after.id();
        return Panache.withSession(() -> knowledge.point(requested).chain(knownAt -> register.livePage(asOf, knownAt, department,
                fromName, fromId, limit + 1).chain(batch -> {
            boolean moreSystems = batch.size() > limit;
            List<Snapshot> systems = moreSystems ? batch.subList(0, limit) : batch;
            return collect(systems, asOf, knownAt).chain(found -> {
                List<Found> page = new ArrayList<>();
                String next = null;
                UUID current = null;
                int index = 0;
                for (Found g : found.gaps()) {
                    if (!g.system().id().equals(current)) {
                        current = g.system().id();
                        index = 0;
                    }
                    int given = after != null && current.equals(after.id()) ? after.skip() : 0;
                    if (index++ < given) {
                        continue;
                    }
                    if (page.size() == limit) {
                        next = new Keyset(knownAt, asOf, g.system().name(), current, index - 1).encode();
                        break;
                    }
                    page.add(g);
                }
                if (next == null && moreSystems) {
                    Snapshot following = batch.get(limit);
                    next = new Keyset(knownAt, asOf, following.name(), following.id(), 0).encode();
                }
                String cursor = next;
                Set<String> people = new HashSet<>();
                page.forEach(g -> people.add(g.person()));
                return names.of(people).map(n -> {
                    List<Gap> gaps = page.stream().map(g -> new Gap(g.kind(), g.article(), g.system().id(), g.system().name(),
                            g.system().department(), n.ref(g.person()), g.detail())).toList();
                    return new Gaps(asOf, knownAt, department, gaps.size(), gaps, cursor);
                });
            });
        })));
    }

    /** Owners and oversight persons of systems in use on D who lack valid AI-literacy training on D (Article 4), as known at K. */
    public Uni<List<LiteracyGap>> untrained(LocalDate asOf, Instant knownAt, String department) {
        return Panache.withSession(() -> collect(asOf, knownAt, department).chain(found -> {
            Map<String, List<String>> responsibilities = new LinkedHashMap<>();
            for (Found g : found.gaps()) {
                if (g.kind().equals(OWNER_NOT_TRAINED) || g.kind().equals(OVERSIGHT_NOT_TRAINED)) {
                    responsibilities.computeIfAbsent(g.person(), p -> new ArrayList<>())
                            .add((g.kind().equals(OWNER_NOT_TRAINED) ? "owner of " : "human oversight of ") + g.system().name()
                                    + " (" + g.system().id() + ")");
                }
            }
            if (responsibilities.isEmpty()) {
                return Uni.createFrom().item(List.<LiteracyGap>of());
            }
            return Sql.rows("select t.person_id, max(t.valid_until) from gov_training t join gov_knowledge k on k.event_id = t.event_id "
                            + "and k.known_at <= ?3 where t.person_id in (?1) and t.completed_on <= ?2 group by t.person_id",
                            new ArrayList<>(responsibilities.keySet()), asOf, knownAt)
                    .chain(rows -> {
                        Map<String, LocalDate> last = new HashMap<>();
                        rows.forEach(r -> last.put(r[0].toString(), r[1] == null ? null : Columns.date(r[1])));
                        return names.of(responsibilities.keySet()).map(n -> responsibilities.entrySet().stream()
                                .map(e -> new LiteracyGap(n.ref(e.getKey()), e.getValue(), last.get(e.getKey()))).toList());
                    });
        }));
    }

    /**
     * On the caller's session: governance's measured AI-literacy coverage of a department on D as known at K, of the accountable
     * owners and human-oversight persons of its systems in use on D (the people {@link #untrained} lists when they lack training).
     */
    public Uni<LiteracyCoverage> coverage(LocalDate asOf, Instant knownAt, String department) {
        return collect(asOf, knownAt, department).map(found -> {
            Set<String> untrained = new HashSet<>();
            for (Found g : found.gaps()) {
                if (g.kind().equals(OWNER_NOT_TRAINED) || g.kind().equals(OVERSIGHT_NOT_TRAINED)) {
                    untrained.add(g.person());
                }
            }
            int accountable = found.people().size();
            return LiteracyCoverage.of(asOf, accountable, accountable - untrained.size());
        });
    }

    private record Found(String kind, String article, Snapshot system, String person, String detail) {
    }

    private record Collected(List<Found> gaps, Set<String> people) {
    }

    private Uni<Collected> collect(LocalDate asOf, Instant knownAt, String department) {
        return register.snapshots(asOf, knownAt, department, null)
                .chain(all -> collect(all.stream().filter(Snapshot::live).toList(), asOf, knownAt));
    }

    /** The gaps of these systems (in use on D), in their order. */
    private Uni<Collected> collect(List<Snapshot> live, LocalDate asOf, Instant knownAt) {
        Uni<Set<String>> trained = Sql.rows("select distinct t.person_id, true from gov_training t join gov_knowledge k "
                        + "on k.event_id = t.event_id and k.known_at <= ?2 where t.completed_on <= ?1 "
                        + "and (t.valid_until is null or t.valid_until >= ?1)", asOf, knownAt)
                .map(rows -> {
                    Set<String> ids = new HashSet<>();
                    rows.forEach(r -> ids.add(r[0].toString()));
                    return ids;
                });
        // each term known at K, revoked by the first revocation of its tool known after it (and at or before K)
        Uni<Map<String, List<ToolPolicy.Term>>> terms = Sql.rows("select t.tool_key, t.allowed, t.valid_from, t.valid_until, "
                        + "r.revoked_on from gov_tool_term t join gov_knowledge k on k.event_id = t.event_id and k.known_at <= ?1 "
                        + "left join lateral (select x.revoked_on from gov_tool_revocation x join gov_knowledge kx on kx.event_id = x.event_id "
                        + "and kx.known_at <= ?1 and kx.known_at > k.known_at where x.tool_id = t.tool_id order by kx.known_at limit 1) r "
                        + "on true order by k.known_at", knownAt)
                .map(rows -> {
                    Map<String, List<ToolPolicy.Term>> byTool = new HashMap<>();
                    for (Object[] r : rows) {
                        byTool.computeIfAbsent(r[0].toString(), k -> new ArrayList<>()).add(new ToolPolicy.Term(
                                Sql.strings(r[1]).stream().map(DataClass::valueOf).toList(), Columns.date(r[2]),
                                r[3] == null ? null : Columns.date(r[3]), r[4] == null ? null : Columns.date(r[4])));
                    }
                    return byTool;
                });
        Uni<Map<UUID, List<String>>> unreported = Sql.rows("select q.system_id, q.incident_id from (select i.system_id, i.incident_id, "
                        + "coalesce(n.provider_informed_at, i.provider_informed_at) as provider, "
                        + "coalesce(n.authority_informed_at, i.authority_informed_at) as authority from gov_incident i "
                        + "join gov_knowledge k on k.event_id = i.event_id and k.known_at <= ?2 "
                        + "left join lateral (" + RegisterQueries.NOTIFIED + ") n on true where i.serious and i.occurred_at < ?1) q "
                        + "where q.provider is null or q.authority is null or q.provider >= ?1 or q.authority >= ?1 "
                        // a fixed order within a system: a page cursor counts a system's gaps
                        + "order by q.system_id, q.incident_id",
                asOf.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC), knownAt)
                .map(rows -> {
                    Map<UUID, List<String>> bySystem = new HashMap<>();
                    rows.forEach(r -> bySystem.computeIfAbsent(Columns.uuid(r[0]), k -> new ArrayList<>()).add(r[1].toString()));
                    return bySystem;
                });
        return trained.chain(t -> terms.chain(tools -> unreported.map(incidents -> gapsOf(live, asOf, t, tools, incidents))));
    }

    private static Collected gapsOf(List<Snapshot> live, LocalDate asOf, Set<String> trained, Map<String, List<ToolPolicy.Term>> tools,
                                    Map<UUID, List<String>> incidents) {
        List<Found> gaps = new ArrayList<>();
        Set<String> people = new HashSet<>();
        for (Snapshot s : live) {
            if (s.owner() == null) {
                gaps.add(new Found(NO_OWNER, "Art. 26(1)", s, null, "no accountable owner in " + s.department()));
            } else {
                people.add(s.owner());
                if (!trained.contains(s.owner())) {
                    gaps.add(new Found(OWNER_NOT_TRAINED, "Art. 4", s, s.owner(), "the owner has no valid AI-literacy training on " + asOf));
                }
            }
            if (!s.classified()) {
                gaps.add(new Found(NOT_CLASSIFIED, "Art. 5, Art. 6", s, null, "no risk classification or Article 5 screening"));
            }
            if (s.prohibited() && (s.lifecycle() == Lifecycle.PRODUCTION || s.lifecycle() == Lifecycle.SCALING)) {
                gaps.add(new Found(PROHIBITED_IN_PRODUCTION, "Art. 5", s, null,
                        "the Article 5 screening found a prohibited practice, and the system is " + s.lifecycle()));
            }
            if (s.highRisk()) {
                highRisk(s, asOf, trained, gaps, people);
            }
            ToolPolicy.check(s.tool(), s.dataClass(), tools.getOrDefault(ApprovedTool.key(s.tool()), List.of()), asOf)
                    .ifPresent(breach -> gaps.add(new Found(breach.kind().name(), "Art. 26(1)", s, null,
                            breach.message() + " (approved-tools list)")));
            for (String incident : incidents.getOrDefault(s.id(), List.of())) {
                gaps.add(new Found(SERIOUS_INCIDENT_NOT_REPORTED, "Art. 26(5)", s, null,
                        "serious incident " + incident + ": the provider or the authority was not informed by " + asOf));
            }
        }
        return new Collected(gaps, people);
    }

    private static void highRisk(Snapshot s, LocalDate asOf, Set<String> trained, List<Found> gaps, Set<String> people) {
        if (s.oversight().isEmpty()) {
            gaps.add(new Found(HIGH_RISK_NO_OVERSIGHT, "Art. 26(2)", s, null, "no named human-oversight person"));
        }
        for (String person : s.oversight()) {
            people.add(person);
            if (!trained.contains(person)) {
                gaps.add(new Found(OVERSIGHT_NOT_TRAINED, "Art. 26(2)", s, person,
                        "a human-oversight person has no valid AI-literacy training on " + asOf));
            }
        }
        if (s.friaStatus() != FriaStatus.COMPLETED && s.friaStatus() != FriaStatus.NOT_REQUIRED) {
            gaps.add(new Found(HIGH_RISK_NO_FRIA, "Art. 27", s, null, "fundamental-rights impact assessment "
                    + (s.friaStatus() == null ? "not recorded" : s.friaStatus().name().toLowerCase().replace('_', ' '))));
        }
        if (s.workersInformedOn() == null || s.workersInformedOn().isAfter(asOf)) {
            gaps.add(new Found(HIGH_RISK_WORKERS_NOT_INFORMED, "Art. 26(7)", s, null,
                    "workers and their representatives were not informed by " + asOf));
        }
        if (!Boolean.FALSE.equals(s.euRegistrationApplies()) && s.euDatabaseRef() == null) {
            gaps.add(new Found(HIGH_RISK_NOT_REGISTERED, "Art. 49(3)", s, null, "no EU-database registration reference"));
        }
        if (s.logRetentionMonths() == null) {
            gaps.add(new Found(HIGH_RISK_NO_LOG_RETENTION, "Art. 26(6)", s, null, "no log-retention period (at least six months)"));
        }
    }
}
