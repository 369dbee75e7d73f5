package ai.adoption.eventsourcing.store;

import io.smallrye.mutiny.CompositeException;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;

import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
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

    /** How many throwables of a failure's cause graph are looked at: enough for any real chain, and finite. */
    private static final int MAX_CAUSES = 64;

    public PersistenceFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether this failure means "the database is unavailable right now" (retry later) rather than a bug. */
    public boolean isTransient() {
        return isTransient(this);
    }

    /**
     * True for failures that go away by themselves: a lost, reset or refused connection, an
     * administrator shutdown, insufficient resources, a serialization failure, deadlock, lock or
     * statement timeout, a read-only standby, or a connection pool that had no connection to give in
     * time; from the JDBC driver (relay, migrations) and from the reactive driver (commands,
     * consumers). Every cause counts, including each of a {@link CompositeException}'s (a failed
     * commit followed by a failed rollback) and suppressed ones.
     */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t : causes(failure)) {
            if (t instanceof SQLTransientException || isConnectionLoss(t)) {
                return true;
            }
            String state = sqlState(t);
            if (state != null && (state.startsWith("53") || TRANSIENT_STATES.contains(state))) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (state == null && (message.contains("acquisition timeout") || message.contains("timeout waiting for connection")
                    || message.equals("timeout") || message.contains("pending connections")
                    || message.contains("connection is closed") || message.contains("connection refused"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when the failure says the connection to the database went away (or never came): socket
     * errors such as "Connection reset", a closed connection, SQLState classes 08 (connection
     * exception) and 57P (the server shut down or terminated the session). When this happens during
     * COMMIT, the client cannot know whether the transaction committed.
     */
    public static boolean hasConnectionLoss(Throwable failure) {
        for (Throwable t : causes(failure)) {
            if (isConnectionLoss(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionLoss(Throwable t) {
        if (t instanceof ClosedConnectionException || t instanceof SocketException || t instanceof ClosedChannelException) {
            // SocketException: "Connection reset", "Broken pipe", a refused connection (ConnectException)
            return true;
        }
        String state = sqlState(t);
        if (state != null) {
            return state.startsWith("08") || state.startsWith("57P");
        }
        // the socket's own words, from the JDK, Netty's native transport or Vert.x (not from anything a caller wrote)
        String type = t.getClass().getName();
        if (t.getClass() != IOException.class && !type.startsWith("java.net.") && !type.startsWith("io.vertx.")
                && !type.startsWith("io.netty.")) {
            return false;
        }
        String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("connection reset") || message.contains("connection refused")
                || message.contains("connection is closed") || message.contains("connection was closed")
                || message.contains("connection closed") || message.contains("broken pipe");
    }

    /** The first throwable of the given type in the failure's cause graph, if any (see {@link #causes}). */
    public static <X extends Throwable> Optional<X> find(Throwable failure, Class<X> type) {
        for (Throwable t : causes(failure)) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /**
     * The failure and everything behind it, breadth first: causes, each cause of a Mutiny
     * {@link CompositeException} and suppressed throwables; each once, at most {@value #MAX_CAUSES}.
     */
    public static List<Throwable> causes(Throwable failure) {
        if (failure == null) {
            return List.of();
        }
        List<Throwable> seen = new ArrayList<>();
        Set<Throwable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Throwable> next = new ArrayDeque<>();
        next.add(failure);
        while (!next.isEmpty() && seen.size() < MAX_CAUSES) {
            Throwable t = next.poll();
            if (!visited.add(t)) {
                continue;
            }
            seen.add(t);
            if (t instanceof CompositeException composite) {
                next.addAll(composite.getCauses());
            }
            if (t.getCause() != null) {
                next.add(t.getCause());
            }
            Collections.addAll(next, t.getSuppressed());
        }
        return seen;
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
