package ai.adoption.eventsourcing.relay;

import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the relay has got to, in (transaction id, position) order: read when this instance becomes
 * the leader, advanced in memory after every published batch, and written to
 * {@code es_relay_checkpoint} at most once per {@link RelaySettings#checkpointInterval()} (and when the
 * relay stops). The stored checkpoint only ever moves forward. A crash between two writes only means
 * that the next leader publishes again what was published since the last write: at least once, and
 * consumers de-duplicate by {@code ce_id}.
 *
 * <h2>Restored databases</h2>
 * Transaction ids are only meaningful in the cluster that issued them. On becoming leader the checkpoint
 * records the cluster's {@code system_identifier} and its transaction id is compared with
 * {@code pg_current_xact_id()}. A checkpoint of another cluster, or one in the future (a dump restored
 * elsewhere), could let new events sort before it and be skipped silently; it is refused
 * ({@link #mismatch()}) until an operator resets it (re-checked every round).
 */
final class RelayCheckpoint {

    private static final Logger LOG = Logger.getLogger(RelayCheckpoint.class);
    static final String RELAY = "kafka";

    private final long intervalNanos;
    private final AtomicReference<String> mismatch = new AtomicReference<>();
    private String transactionId;
    private long position;
    private String systemIdentifier;
    private boolean unwritten;
    private long lastWriteNanos;
    private long lastMismatchLog;
    private boolean systemIdentifierUnavailableLogged;

    RelayCheckpoint(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    String transactionId() {
        return transactionId;
    }

    long position() {
        return position;
    }

    /** Why the relay refuses to publish (the checkpoint belongs to another cluster), if it does. */
    Optional<String> mismatch() {
        return Optional.ofNullable(mismatch.get());
    }

    /** Reads and verifies the stored checkpoint: on becoming leader, and while it is refused. */
    void load(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("select last_transaction_id::text, last_position,"
                + " system_identifier::text from es_relay_checkpoint where relay = ?")) {
            ps.setString(1, RELAY);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("es_relay_checkpoint has no row for " + RELAY);
                }
                transactionId = rs.getString(1);
                position = rs.getLong(2);
                systemIdentifier = rs.getString(3);
            }
        }
        unwritten = false;
        lastWriteNanos = System.nanoTime();
        verify(connection);
    }

    /** Whether the relay must not publish: re-reads and re-verifies a refused checkpoint first. */
    boolean refused(Connection connection) throws SQLException {
        if (mismatch.get() != null) {
            load(connection);
        }
        return mismatch.get() != null;
    }

    /** Moves the checkpoint past a published batch; writes it if the last write is older than the interval. */
    void advance(Connection connection, String nextTransactionId, long nextPosition) throws SQLException {
        transactionId = nextTransactionId;
        position = nextPosition;
        unwritten = true;
        writeIfDue(connection);
    }

    /** Writes an advanced checkpoint once the interval since the last write has passed. */
    void writeIfDue(Connection connection) throws SQLException {
        if (unwritten && System.nanoTime() - lastWriteNanos >= intervalNanos) {
            write(connection);
        }
    }

    /** How long the relay may wait before {@link #writeIfDue} has something to write (Long.MAX_VALUE: nothing). */
    long millisUntilDue() {
        if (!unwritten) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, (intervalNanos - (System.nanoTime() - lastWriteNanos)) / 1_000_000 + 1);
    }

    /** Writes an advanced checkpoint now (the relay stops or hands over). */
    void flush(Connection connection) throws SQLException {
        if (unwritten) {
            write(connection);
        }
    }

    private void write(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement(
                "update es_relay_checkpoint set last_transaction_id = ?::xid8, last_position = ?, updated_at = now()"
                        + " where relay = ? and (last_transaction_id, last_position) < (?::xid8, ?)")) {
            ps.setString(1, transactionId);
            ps.setLong(2, position);
            ps.setString(3, RELAY);
            ps.setString(4, transactionId);
            ps.setLong(5, position);
            ps.executeUpdate();
        }
        unwritten = false;
        lastWriteNanos = System.nanoTime();
    }

    @Override
    public String toString() {
        return "(" + transactionId + ", " + position + ")";
    }

    /**
     * Refuses a checkpoint from another cluster: a different recorded system identifier, or a checkpoint
     * transaction id this cluster has not issued yet. Records the system identifier when none is recorded.
     */
    private void verify(Connection connection) throws SQLException {
        String refusal = null;
        long current;
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select pg_current_xact_id()::text")) {
            rs.next();
            current = Long.parseLong(rs.getString(1));
        }
        if (Long.parseLong(transactionId) >= current) {
            refusal = "the checkpoint's transaction id " + transactionId
                    + " is ahead of this cluster's current transaction id " + current;
        }
        String cluster = systemIdentifier(connection);
        if (refusal == null && cluster != null && systemIdentifier != null && !cluster.equals(systemIdentifier)) {
            refusal = "the checkpoint was recorded on cluster " + systemIdentifier + ", this is cluster " + cluster;
        }
        if (refusal == null && cluster != null && systemIdentifier == null) {
            try (PreparedStatement ps = connection.prepareStatement("update es_relay_checkpoint set system_identifier = ?::bigint"
                    + " where relay = ? and system_identifier is null")) {
                ps.setString(1, cluster);
                ps.setString(2, RELAY);
                ps.executeUpdate();
            }
            systemIdentifier = cluster;
        }
        String before = mismatch.getAndSet(refusal);
        if (refusal != null) {
            long now = System.currentTimeMillis();
            if (before == null || now - lastMismatchLog > 60_000) {
                lastMismatchLog = now;
                LOG.errorf("Outbox relay REFUSES TO PUBLISH: %s. The database was probably restored into another"
                        + " cluster; events appended here could sort before the checkpoint and would be skipped."
                        + " Reset the checkpoint as described in deploy/README.md (\"Restored database\").", refusal);
            }
        } else if (before != null) {
            LOG.infof("Outbox relay checkpoint accepted again (%s); publishing resumes", this);
        }
    }

    private String systemIdentifier(Connection connection) {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select system_identifier::text from pg_control_system()")) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            if (!systemIdentifierUnavailableLogged) {
                systemIdentifierUnavailableLogged = true;
                LOG.warnf("Outbox relay cannot read pg_control_system() (%s); a restore into another cluster is only"
                        + " detected by its transaction ids. Grant pg_monitor to the service's role to detect it always.",
                        e.getMessage());
            }
            return null;
        }
    }
}
