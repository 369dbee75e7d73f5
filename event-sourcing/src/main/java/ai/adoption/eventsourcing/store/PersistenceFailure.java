package ai.adoption.eventsourcing.store;

import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;

/** An unexpected database error. It is our fault, never the caller's: maps to 503 or 500 without details. */
public class PersistenceFailure extends RuntimeException {

    /**
     * SQLStates that go away by themselves, besides the classes 08 (connection), 53 (insufficient
     * resources) and 57P (operator intervention): serialization failure, deadlock, lock not
     * available, query cancelled (statement timeout) and read-only transaction (a fail-over to a
     * standby that is not promoted yet).
     */
    private static final Set<String> TRANSIENT_STATES = Set.of("40001", "40P01", "55P03", "57014", "25006");

    public PersistenceFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether this failure means "the database is unavailable right now" (retry later) rather than a bug. */
    public boolean isTransient() {
        return isTransient(this);
    }

    /**
     * True for failures that go away by themselves: a lost or refused connection, an administrator
     * shutdown, insufficient resources, a serialization failure, deadlock, lock or statement
     * timeout, a read-only standby, or a connection pool that had no connection to give in time;
     * from the JDBC driver (relay, migrations) and from the reactive driver (commands, consumers).
     */
    public static boolean isTransient(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 32; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientException || t instanceof ClosedConnectionException || t instanceof ConnectException) {
                return true;
            }
            String state = sqlState(t);
            if (state != null && (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                    || TRANSIENT_STATES.contains(state))) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (state == null && (message.contains("acquisition timeout") || message.contains("connection refused")
                    || message.contains("timeout waiting for connection") || message.equals("timeout")
                    || message.contains("connection is closed") || message.contains("pending connections"))) {
                return true;
            }
        }
        return false;
    }

    /** The SQLState of a JDBC or reactive-driver failure, or null. */
    public static String sqlState(Throwable t) {
        if (t instanceof SQLException sql) {
            return sql.getSQLState();
        }
        if (t instanceof DatabaseException db) {
            return db.getSqlState();
        }
        return null;
    }
}
