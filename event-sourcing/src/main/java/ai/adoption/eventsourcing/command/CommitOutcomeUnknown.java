package ai.adoption.eventsourcing.command;

import ai.adoption.eventsourcing.store.PersistenceFailure;

/**
 * The connection to the database was lost while a unit of work was committing: the transaction may
 * or may not have committed, and nobody can tell the caller which. Never retried automatically (it
 * may have committed); answered 503 with {@code Retry-After}, saying that the outcome is unknown and
 * that a retry with the same {@code Idempotency-Key} is safe (the key's claim commits or rolls back
 * with the command).
 */
public class CommitOutcomeUnknown extends PersistenceFailure {

    public CommitOutcomeUnknown(Throwable cause) {
        super("The connection to the database was lost during COMMIT; the outcome is unknown: " + cause, cause);
    }

    @Override
    public boolean isTransient() {
        return true;
    }
}
