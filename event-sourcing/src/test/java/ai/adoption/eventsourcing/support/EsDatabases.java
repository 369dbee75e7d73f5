package ai.adoption.eventsourcing.support;

import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.EventType;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.testinfra.PostgresResource;

import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Fresh, migrated databases on the embedded PostgreSQL server, and raw event-store helpers for tests. */
public final class EsDatabases {

    /** The stream type every test stream uses; topics are {@code <prefix>.widget}. */
    public static final String STREAM_TYPE = "widget";
    public static final EventType CHANGED = new EventType("widget.changed", 1, Object.class);

    static {
        TestLogging.install();
    }

    private EsDatabases() {
    }

    /** A brand-new database with the event-sourcing schema (db/eventsourcing) applied. */
    public static PostgresResource.Database migrated(String prefix) {
        PostgresResource.Database db = PostgresResource.newDatabase(prefix);
        Flyway.configure()
                .dataSource(db.jdbcUrl(), db.user(), db.password())
                .locations("classpath:db/eventsourcing")
                .load()
                .migrate();
        return db;
    }

    /**
     * Appends one event with a fresh id to a stream whose current version is {@code currentVersion},
     * on a plain JDBC connection (the relay tests need transactions they control; the service's own
     * reactive {@link EventStore} writes the same columns).
     */
    public static RecordedEvent<String> append(Connection connection, String streamId, long currentVersion, String payloadJson) {
        UUID eventId = UUID.randomUUID();
        Instant occurred = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try (PreparedStatement ps = connection.prepareStatement("insert into es_event (event_id, stream_type, stream_id, "
                + "stream_version, event_type, schema_version, payload, actor, correlation_id, occurred_at) "
                + "values (?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?) returning " + EventStore.COLUMNS)) {
            ps.setObject(1, eventId);
            ps.setString(2, STREAM_TYPE);
            ps.setString(3, streamId);
            ps.setLong(4, currentVersion + 1);
            ps.setString(5, CHANGED.name());
            ps.setInt(6, CHANGED.schemaVersion());
            ps.setString(7, payloadJson);
            ps.setString(8, "tester");
            ps.setString(9, "corr-" + streamId);
            ps.setTimestamp(10, java.sql.Timestamp.from(occurred));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return EventStore.read(rs);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot append to " + streamId, e);
        }
    }

    /** Appends one event in its own (auto-committed) transaction on a new connection. */
    public static RecordedEvent<String> appendCommitted(PostgresResource.Database db, String streamId, long currentVersion,
                                                        String payloadJson) {
        try (Connection connection = db.connect()) {
            return append(connection, streamId, currentVersion, payloadJson);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Makes the connection's (open) transaction take its transaction id now, as an earlier write would. */
    public static long assignTransactionId(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement();
             ResultSet rs = st.executeQuery("select pg_current_xact_id()::text::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** The relay's persisted checkpoint position. */
    public static long checkpointPosition(PostgresResource.Database db) {
        try (Connection connection = db.connect();
             PreparedStatement ps = connection.prepareStatement(
                     "select last_position from es_relay_checkpoint where relay = 'kafka'");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(PostgresResource.Database db, String sql, Object... args) {
        try (Connection connection = db.connect();
             PreparedStatement ps = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void execute(PostgresResource.Database db, String sql) {
        try (Connection connection = db.connect();
             Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (Exception ignored) {
                // best effort in test clean-up
            }
        }
    }

    /** Rolls back (if still open) and closes a connection used for a deliberately open transaction. */
    public static void rollbackAndClose(Connection connection) {
        if (connection != null) {
            try {
                if (!connection.isClosed() && !connection.getAutoCommit()) {
                    connection.rollback();
                }
            } catch (SQLException ignored) {
                // closing anyway
            }
            closeQuietly(connection);
        }
    }
}
