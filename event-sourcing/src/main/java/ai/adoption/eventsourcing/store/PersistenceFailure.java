package ai.adoption.eventsourcing.store;

/** An unexpected database error. It is our fault, never the caller's: maps to 500/503 without details. */
public class PersistenceFailure extends RuntimeException {
    public PersistenceFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
