package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.AccessDenied;
import ai.adoption.eventsourcing.core.Actor;

/** Who may act on a department's revisit list: its ambassadors, or an admin. */
public final class Access {

    public static final String AMBASSADOR = "ambassador";
    public static final String ADMIN = "admin";
    private static final String SYSTEM_PREFIX = "system:";

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

    /** A system actor ({@link Actor#system}): what a service does on a consumed event, never a token's subject with roles. */
    public static boolean isSystem(Actor actor) {
        return actor.subject().startsWith(SYSTEM_PREFIX) && actor.roles().isEmpty() && actor.department() == null;
    }

    public static void requireSystem(Actor actor, String attempted) {
        if (!isSystem(actor)) {
            throw new AccessDenied("Only the system, on a consumed event, may " + attempted);
        }
    }
}
