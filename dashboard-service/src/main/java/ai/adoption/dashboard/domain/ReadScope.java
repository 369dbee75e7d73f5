package ai.adoption.dashboard.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;

/**
 * Which departments' detail (activity items, the revisit list, findings, the oldest waiting idea) a
 * caller may see, by the same rule as the services' reads: employees, approvers and ambassadors their
 * own department, compliance officers and admins all of them. Items the streams cannot place in a
 * department (null) are for the all-seeing roles only. The organisation's funnel figures are for
 * everyone signed in and are not scoped.
 */
public record ReadScope(boolean all, String department) {

    public static final String COMPLIANCE_OFFICER = "compliance-officer";
    public static final String ADMIN = "admin";

    public static ReadScope of(Actor actor) {
        if (actor.hasRole(ADMIN) || actor.hasRole(COMPLIANCE_OFFICER)) {
            return new ReadScope(true, null);
        }
        return new ReadScope(false, actor.department());
    }

    public boolean sees(String itemDepartment) {
        return all || (department != null && department.equals(itemDepartment));
    }

    /**
     * The department filter of a detail read: the requested one when the caller may see it (403
     * otherwise), else everything for the all-seeing roles and the caller's own department for the rest.
     * Null means no filter.
     */
    public String detailFilter(String requested) {
        if (requested != null) {
            if (!sees(requested)) {
                throw new AccessDenied("Your read scope is the " + (department == null ? "(none)" : department)
                        + " department; " + requested + " is outside it");
            }
            return requested;
        }
        if (all) {
            return null;
        }
        if (department == null) {
            throw new AccessDenied("Your token names no department, so no department's detail is in your read scope");
        }
        return department;
    }
}
