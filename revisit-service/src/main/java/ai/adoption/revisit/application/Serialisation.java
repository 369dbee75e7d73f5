package ai.adoption.revisit.application;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * Transaction-scoped advisory locks that serialise a change of something cases copy (a department's
 * policy, a tool's approval) against the commands that copy it (a case opened or re-evaluated): the
 * change takes its lock exclusively, the copiers share it, all until their transaction ends. So a
 * case either commits before the change (and the change's follow-up finds it) or reads the changed
 * value. The two-key form keeps these apart from the relay's single-key lock.
 */
final class Serialisation {

    /** The advisory lock class of a department's policy. */
    static final int POLICY = 4242101;
    /** The advisory lock class of a tool's approval (by tool key). */
    static final int TOOL = 4242102;

    private Serialisation() {
    }

    static Uni<Void> shared(int kind, String key) {
        return lock("pg_advisory_xact_lock_shared", kind, key);
    }

    static Uni<Void> exclusive(int kind, String key) {
        return lock("pg_advisory_xact_lock", kind, key);
    }

    private static Uni<Void> lock(String function, int kind, String key) {
        return Panache.getSession().chain(session -> session
                        .createNativeQuery("select count(*) from (select " + function + "(?1, hashtext(?2))) l", Object.class)
                        .setParameter(1, kind)
                        .setParameter(2, key)
                        .getSingleResult())
                .replaceWithVoid();
    }
}
