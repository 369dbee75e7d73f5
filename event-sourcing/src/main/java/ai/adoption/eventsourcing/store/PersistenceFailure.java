package ai.adoption.eventsourcing.store;

import java.sql.SQLException;
import java.sql.SQLTransientException;

/** An unexpected database error. It is our fault, never the caller's: maps to 503 or 500 without details. */
public class PersistenceFailure extends RuntimeException {

    public PersistenceFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether this failure means "the database is unavailable right now" (retry later) rather than a bug. */
    public boolean isTransient() {
        return isTransient(this);
    }

    /**
     * True for failures that go away by themselves: a lost or refused connection (SQLState class 08),
     * an administrator shutdown (57P), insufficient resources (53), a transient JDBC exception, or a
     * connection pool that had no connection to give in time.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53"))) {
                    return true;
                }
                if (state == null && String.valueOf(sql.getMessage()).toLowerCase().contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }
}
