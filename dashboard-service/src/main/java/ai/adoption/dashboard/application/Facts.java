package ai.adoption.dashboard.application;

import ai.adoption.dashboard.domain.Transition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * The statements that fold one fact of the streams into the dashboard's tables, for
 * {@link DashboardWriter}. Each is one constant statement; a missing row (an event whose aggregate the
 * dashboard has not seen, e.g. consumed from a topic trimmed by retention) updates nothing rather than failing.
 */
public final class Facts {

    /** The department of counted transitions whose events and subjects name none. */
    public static final String UNKNOWN_DEPARTMENT = "(unknown)";

    private Facts() {
    }

    /** What an aggregate belongs to, for later events that do not say; nulls keep what was known. */
    public static Sql subject(Object subject, String kind, String department, String title) {
        return Sql.of("""
                insert into dashboard_subject (subject, kind, department, title) values (?1, ?2, cast(?3 as text), cast(?4 as text))
                on conflict (subject) do update set department = coalesce(excluded.department, dashboard_subject.department),
                    title = coalesce(excluded.title, dashboard_subject.title)""", subject.toString(), kind, department, title);
    }

    /** A department seen in any event: known by its id until governance names it. */
    public static Sql departmentSeen(String department) {
        return Sql.of("insert into dashboard_department (id, name) values (?1, ?1) on conflict (id) do nothing", department);
    }

    public static Sql departmentNamed(String department, String name) {
        return Sql.of("""
                insert into dashboard_department (id, name, named) values (?1, coalesce(cast(?2 as text), ?1), true)
                on conflict (id) do update set name = excluded.name, named = true""", department, name);
    }

    /** Counts one transition on the event's UTC day, in its department (or its subject's). */
    public static Sql transition(Transition transition, String department, Object subject, Instant at) {
        return Sql.of("""
                insert into dashboard_transition_count (day, department, transition, n)
                values (?1, coalesce(cast(?2 as text), (select department from dashboard_subject where subject = ?3), ?4), ?5, 1)
                on conflict (day, department, transition) do update set n = dashboard_transition_count.n + 1""",
                day(at), department, subject.toString(), UNKNOWN_DEPARTMENT, transition.name());
    }

    // --- ideas -----------------------------------------------------------------------------------

    public static Sql ideaSubmitted(UUID ideaId, String department, String title, Instant at) {
        return Sql.of("""
                insert into dashboard_idea (idea_id, department, title, waiting_since) values (?1, ?2, cast(?3 as text), ?4)
                on conflict (idea_id) do update set waiting_since = excluded.waiting_since""", ideaId, department, title, at);
    }

    public static Sql ideaRetitled(UUID ideaId, String title) {
        return Sql.of("update dashboard_idea set title = coalesce(cast(?2 as text), title) where idea_id = ?1", ideaId, title);
    }

    /** Withdrawn: no longer waiting for a decision. */
    public static Sql ideaWithdrawn(UUID ideaId) {
        return Sql.of("update dashboard_idea set waiting_since = null where idea_id = ?1", ideaId);
    }

    /**
     * Approved or rejected: the decision stage ends (measured from the last submission or reopening).
     * The row's values before the update come from the statement's snapshot ({@code before}), handed
     * through the update's RETURNING to the stage insert, so the update runs first and locks the row.
     */
    public static Sql ideaDecided(UUID ideaId, boolean approved, Instant at) {
        return Sql.of("""
                with before as (select idea_id, department, waiting_since from dashboard_idea where idea_id = ?1),
                decided as (update dashboard_idea i set waiting_since = null,
                                approved_at = case when ?3 then ?2 else i.approved_at end
                            from before where i.idea_id = before.idea_id
                            returning before.idea_id, before.department, before.waiting_since)
                insert into dashboard_stage (idea_id, stage, ended_at, department, days)
                select idea_id, 'decision', ?2, department, extract(epoch from (?2 - waiting_since)) / 86400.0
                from decided where waiting_since is not null
                on conflict do nothing""", ideaId, at, approved);
    }

    public static Sql ideaReopened(UUID ideaId, Instant at) {
        return Sql.of("update dashboard_idea set waiting_since = ?2, approved_at = null, experiment_started_at = null where idea_id = ?1",
                ideaId, at);
    }

    /** The approved idea's experiment started: the stage from approval to experiment ends. */
    public static Sql experimentStarted(UUID ideaId, Instant at) {
        return Sql.of("""
                with before as (select idea_id, department, approved_at from dashboard_idea where idea_id = ?1),
                started as (update dashboard_idea i set experiment_started_at = ?2 from before where i.idea_id = before.idea_id
                            returning before.idea_id, before.department, before.approved_at)
                insert into dashboard_stage (idea_id, stage, ended_at, department, days)
                select idea_id, 'to-experiment', ?2, department, extract(epoch from (?2 - approved_at)) / 86400.0
                from started where approved_at is not null
                on conflict do nothing""", ideaId, at);
    }

    /** The experiment concluded: its stage ends. */
    public static Sql experimentConcluded(UUID ideaId, Instant at) {
        return Sql.of("""
                insert into dashboard_stage (idea_id, stage, ended_at, department, days)
                select idea_id, 'experiment', ?2, department, extract(epoch from (?2 - experiment_started_at)) / 86400.0
                from dashboard_idea where idea_id = ?1 and experiment_started_at is not null
                on conflict do nothing""", ideaId, at);
    }

    // --- the revisit list ---------------------------------------------------------------------------

    public static Sql revisitOpened(UUID caseId, UUID ideaId, String department, String title, String tool, Instant dueAt,
                                    Instant at) {
        return Sql.of("""
                insert into dashboard_revisit (case_id, idea_id, department, title, tool, status, cycle, due_at, updated_at)
                values (?1, ?2, cast(?3 as text), cast(?4 as text), cast(?5 as text), 'SCHEDULED', 1, ?6, ?7)
                on conflict (case_id) do nothing""", caseId, ideaId, department, title, tool, dueAt, at);
    }

    /** A new status, cycle and due time; a null keeps what was known. */
    public static Sql revisitChanged(UUID caseId, String status, Integer cycle, Instant dueAt, Instant at) {
        return Sql.of("""
                update dashboard_revisit set status = coalesce(cast(?2 as text), status), cycle = coalesce(cast(?3 as integer), cycle),
                    due_at = coalesce(cast(?4 as timestamptz), due_at), updated_at = ?5
                where case_id = ?1""", caseId, status, cycle, dueAt, at);
    }

    // --- governance ------------------------------------------------------------------------------------

    public static Sql systemRegistered(UUID systemId, String name, String department, String owner, String lifecycle) {
        return Sql.of("""
                insert into dashboard_system (system_id, name, department, owner, lifecycle)
                values (?1, cast(?2 as text), cast(?3 as text), cast(?4 as text), cast(?5 as text))
                on conflict (system_id) do nothing""", systemId, name, department, owner, lifecycle);
    }

    /**
     * A lifecycle change; the first move of a system out of PILOT into SCALING or PRODUCTION counts as
     * "scaled" in the funnel, once per system.
     */
    public static Sql systemLifecycle(UUID systemId, String lifecycle, boolean scaled, Instant at) {
        return Sql.of("""
                with before as (select system_id, scaled from dashboard_system where system_id = ?1),
                changed as (update dashboard_system s set lifecycle = cast(?2 as text), scaled = s.scaled or ?3
                            from before where s.system_id = before.system_id
                            returning before.scaled as was, s.scaled as now, s.department)
                insert into dashboard_transition_count (day, department, transition, n)
                select ?4, coalesce(department, ?5), 'SCALED', 1 from changed where now and not was
                on conflict (day, department, transition) do update set n = dashboard_transition_count.n + 1""",
                systemId, lifecycle, scaled, day(at), UNKNOWN_DEPARTMENT);
    }

    public static Sql systemClassified(UUID systemId, String riskTier, boolean prohibited) {
        return Sql.of("update dashboard_system set risk_tier = cast(?2 as text), prohibited = ?3 where system_id = ?1",
                systemId, riskTier, prohibited);
    }

    public static Sql systemObligations(UUID systemId, int oversightPersons, boolean workersInformed, Integer logRetentionMonths,
                                        String friaStatus) {
        return Sql.of("""
                update dashboard_system set obligations_recorded = true, oversight_persons = ?2, workers_informed = ?3,
                    log_retention_months = cast(?4 as integer), fria_status = cast(?5 as text)
                where system_id = ?1""", systemId, oversightPersons, workersInformed, logRetentionMonths, friaStatus);
    }

    /** The accountable owner and department from now on; nulls keep what was known. */
    public static Sql systemOwner(UUID systemId, String department, String owner) {
        return Sql.of("""
                update dashboard_system set department = coalesce(cast(?2 as text), department), owner = coalesce(cast(?3 as text), owner)
                where system_id = ?1""", systemId, department, owner);
    }

    public static Sql incidentRecorded(UUID incidentId, UUID systemId, boolean serious, boolean authorityInformed) {
        return Sql.of("""
                insert into dashboard_incident (incident_id, system_id, serious, authority_informed) values (?1, ?2, ?3, ?4)
                on conflict (incident_id) do nothing""", incidentId, systemId, serious, authorityInformed);
    }

    public static Sql incidentNotified(UUID incidentId, boolean authorityInformed) {
        return Sql.of("update dashboard_incident set authority_informed = authority_informed or ?2 where incident_id = ?1",
                incidentId, authorityInformed);
    }

    /** The latest expiry of a person's AI-literacy training (null: it does not expire). */
    public static Sql training(String personId, LocalDate validUntil) {
        return Sql.of("""
                insert into dashboard_training (person_id, valid_until) values (?1, coalesce(cast(?2 as date), 'infinity'::date))
                on conflict (person_id) do update set valid_until = greatest(dashboard_training.valid_until, excluded.valid_until)""",
                personId, validUntil);
    }

    public static Sql findingRaised(UUID findingId, UUID ideaId, String department, String kind, String tool, Instant at) {
        return Sql.of("""
                insert into dashboard_finding (finding_id, idea_id, department, kind, tool, raised_at)
                values (?1, ?2, cast(?3 as text), ?4, cast(?5 as text), ?6) on conflict (finding_id) do nothing""",
                findingId, ideaId, department, kind, tool, at);
    }

    public static Sql findingResolved(UUID findingId, Instant at) {
        return Sql.of("update dashboard_finding set resolved_at = ?2 where finding_id = ?1 and resolved_at is null", findingId, at);
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
