package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;

/** Who may act on a department's revisit list: its ambassadors, or an admin. */
public final class Access {

    public static final String AMBASSADOR = "ambassador";
    public static final String ADMIN = "admin";

    private Access() {
    }

    public static void requireAmbassadorOf(Actor actor, String department, String attempted) {
        if (actor.hasRole(ADMIN)) {
            return;
        }
        if (!actor.hasRole(AMBASSADOR) || !actor.belongsTo(department)) {
            throw new AccessDenied("Only an ambassador of the " + department + " department or an admin may " + attempted);
        }
    }
}
