package ai.adoption.eventsourcing.relay;

import java.sql.Connection;
import java.sql.SQLException;

/** Opens a new, dedicated JDBC connection for the relay (its publish loop, its listener, its gauges). */
@FunctionalInterface
public interface RelayConnections {

    Connection open() throws SQLException;

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is already broken
            }
        }
    }
}
