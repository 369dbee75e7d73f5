package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.store.RecordedEvent;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;

/**
 * The common shape of a projection's row update: one row per aggregate, keyed by the stream id (a
 * UUID), that remembers the stream version it reflects (served as the ETag) and when it last changed.
 */
public final class ReadModelRows {

    private ReadModelRows() {
    }

    /**
     * Runs {@code update <table> set <assignments>, version = ?, updated_at = ? where <keyColumn> = <stream id>}
     * with {@code values} bound to the assignments' placeholders in order.
     */
    public static int update(Connection connection, String table, String keyColumn, RecordedEvent<?> event,
                             String assignments, Object... values) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("update " + table + " set " + assignments
                + ", version = ?, updated_at = ? where " + keyColumn + " = ?::uuid")) {
            int i = 1;
            for (Object value : values) {
                ps.setObject(i++, value);
            }
            ps.setLong(i++, event.streamVersion());
            ps.setTimestamp(i++, Timestamp.from(event.occurredAt()));
            ps.setString(i, event.streamId());
            return ps.executeUpdate();
        }
    }
}
