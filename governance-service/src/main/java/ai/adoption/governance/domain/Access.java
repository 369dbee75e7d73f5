package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;

/**
 * Who may change what in governance (the README's table):
 * departments and approved tools: {@code admin}; classification, obligations, incidents, training
 * records and transfers between departments: {@code compliance-officer}; ownership within a
 * department, registering a system by hand and moving it through its lifecycle: that department's
 * {@code approver}, or a compliance officer.
 */
public final class Access {

    public static final String EMPLOYEE = "employee";
    public static final String APPROVER = "approver";
    public static final String AMBASSADOR = "ambassador";
    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String ADMIN = "admin";

    private Access() {
    }

    public static void requireAdmin(Actor actor, String attempted) {
        if (!actor.hasRole(ADMIN)) {
            throw new AccessDenied("Only an admin may " + attempted);
        }
    }

    public static void requireComplianceOfficer(Actor actor, String attempted) {
        if (!actor.hasRole(COMPLIANCE_OFFICER)) {
            throw new AccessDenied("Only a compliance officer may " + attempted);
        }
    }

    /** A compliance officer, or an approver of {@code department}. */
    public static void requireApproverOf(Actor actor, String department, String attempted) {
        if (actor.hasRole(COMPLIANCE_OFFICER)) {
            return;
        }
        if (department == null || !actor.hasRole(APPROVER) || !actor.belongsTo(department)) {
            throw new AccessDenied("Only an approver of the " + (department == null ? "owning" : department)
                    + " department or a compliance officer may " + attempted);
        }
    }

    /**
     * Ownership within one department: its approver or a compliance officer. Between departments: a
     * compliance officer only.
     */
    public static void requireOwnershipAuthority(Actor actor, String fromDepartment, String toDepartment) {
        if (actor.hasRole(COMPLIANCE_OFFICER)) {
            return;
        }
        if (fromDepartment == null || !fromDepartment.equals(toDepartment)) {
            throw new AccessDenied("Only a compliance officer may move ownership between departments ("
                    + fromDepartment + " -> " + toDepartment + ")");
        }
        requireApproverOf(actor, fromDepartment, "change ownership within the " + fromDepartment + " department");
    }

    /**
     * A change of accountability over a period (a transfer, a correction, a cancellation): every date
     * whose holder it changes must stay within one department whose approver the actor is; anything
     * that moves accountability between departments, on any date, is a compliance officer's.
     */
    public static void requireOwnershipAuthority(Actor actor, java.util.List<AiSystem.HolderChange> changes) {
        if (actor.hasRole(COMPLIANCE_OFFICER)) {
            return;
        }
        for (AiSystem.HolderChange change : changes) {
            String before = change.before() == null ? null : change.before().department();
            String after = change.after() == null ? null : change.after().department();
            if (before == null || !before.equals(after)) {
                throw new AccessDenied("Only a compliance officer may move ownership between departments: from " + change.from()
                        + " this moves the system from " + before + " to " + after);
            }
            requireApproverOf(actor, before, "change ownership within the " + before + " department");
        }
    }

    /** A compliance officer, or an approver of every one of {@code departments} (those a change rewrites). */
    public static void requireApproverOfAll(Actor actor, java.util.Collection<String> departments, String attempted) {
        if (actor.hasRole(COMPLIANCE_OFFICER)) {
            return;
        }
        for (String department : departments) {
            requireApproverOf(actor, department, attempted);
        }
    }

    /**
     * The AI-scan of a department (open, close, targets): that department's approver, or an admin, as departments
     * themselves are an admin's. A compliance officer reads the scans but does not steer them.
     */
    public static void requireScanManager(Actor actor, String department, String attempted) {
        if (actor.hasRole(ADMIN)) {
            return;
        }
        if (department == null || !actor.hasRole(APPROVER) || !actor.belongsTo(department)) {
            throw new AccessDenied("Only an approver of the " + department + " department or an admin may " + attempted);
        }
    }

    /** A department's AI-scans and their results: its members (any role), compliance officers and admins. */
    public static boolean readsScansOf(Actor actor, String department) {
        return readsEverything(actor) || (department != null && actor.belongsTo(department));
    }

    /** Compliance officers and admins read everything; approvers and ambassadors their own department's systems. */
    public static boolean readsEverything(Actor actor) {
        return actor.hasRole(COMPLIANCE_OFFICER) || actor.hasRole(ADMIN);
    }

    public static boolean readsDepartment(Actor actor, String department) {
        return readsEverything(actor)
                || ((actor.hasRole(APPROVER) || actor.hasRole(AMBASSADOR)) && department != null && actor.belongsTo(department));
    }

    /** The department a non-global reader is limited to, or AccessDenied. */
    public static String departmentScope(Actor actor, String requested) {
        if (readsEverything(actor)) {
            return requested;
        }
        if (!(actor.hasRole(APPROVER) || actor.hasRole(AMBASSADOR)) || actor.department() == null) {
            throw new AccessDenied("Only compliance officers and admins, or approvers and ambassadors of a department, read the register");
        }
        if (requested != null && !actor.belongsTo(requested)) {
            throw new AccessDenied("You read only the " + actor.department() + " department's systems");
        }
        return actor.department();
    }
}
