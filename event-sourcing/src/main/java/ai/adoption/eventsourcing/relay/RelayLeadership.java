package ai.adoption.eventsourcing.relay;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One active relay per database: the instance whose connection holds the session advisory lock
 * ({@link RelaySettings#lockKey()}) leads; the others stand by and take over when the leader's
 * connection goes away (the lock goes with it).
 */
final class RelayLeadership {

    private final long lockKey;
    private final AtomicBoolean leader = new AtomicBoolean();

    RelayLeadership(long lockKey) {
        this.lockKey = lockKey;
    }

    /** Tries to take the lock on the relay's connection; true if this instance became the leader just now. */
    boolean tryAcquire(Connection connection) throws SQLException {
        if (leader.get()) {
            return false;
        }
        try (PreparedStatement ps = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, lockKey);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                leader.set(rs.getBoolean(1));
                return leader.get();
            }
        }
    }

    boolean isLeader() {
        return leader.get();
    }

    /** The relay's connection is gone or about to be closed, and the lock with it; true if this instance led. */
    boolean lost() {
        return leader.getAndSet(false);
    }
}
