package ai.adoption.eventsourcing.store;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which database failures mean "unavailable, retry later" (503, consumer retries) and which are bugs (500, dead letter). */
class PersistenceFailureTest {

    @Test
    void connectionLossShutdownAndPoolExhaustionAreTransient() {
        assertThat(new PersistenceFailure("x", new SQLException("refused", "08001")).isTransient()).isTrue();
        assertThat(new PersistenceFailure("x", new SQLException("terminating", "57P01")).isTransient()).isTrue();
        assertThat(new PersistenceFailure("x", new SQLException("too many clients", "53300")).isTransient()).isTrue();
        assertThat(new PersistenceFailure("x", new SQLTransientConnectionException("gone")).isTransient()).isTrue();
        assertThat(new PersistenceFailure("x", new SQLException("Acquisition timeout while waiting for new connection")).isTransient()).isTrue();
    }

    /** Issue #4, item 9: serialization failure, deadlock, lock timeout, statement timeout, read-only standby. */
    @Test
    void concurrencyAndTimeoutStatesAreTransientFromBothDrivers() {
        for (String state : new String[]{"40001", "40P01", "55P03", "57014", "25006"}) {
            assertThat(PersistenceFailure.isTransient(new SQLException("x", state))).as("JDBC " + state).isTrue();
            assertThat(PersistenceFailure.isTransient(new RuntimeException("wrapped",
                    new io.vertx.pgclient.PgException("x", "ERROR", state, "detail")))).as("reactive " + state).isTrue();
        }
        assertThat(PersistenceFailure.isTransient(new io.vertx.pgclient.PgException("dup", "ERROR", "23505", "d"))).isFalse();
        assertThat(PersistenceFailure.isTransient(io.vertx.sqlclient.ClosedConnectionException.INSTANCE)).isTrue();
        assertThat(PersistenceFailure.isTransient(new java.net.ConnectException("Connection refused"))).isTrue();
    }

    @Test
    void constraintAndSyntaxErrorsAreNot() {
        assertThat(new PersistenceFailure("x", new SQLException("duplicate key", "23505")).isTransient()).isFalse();
        assertThat(new PersistenceFailure("x", new SQLException("syntax error", "42601")).isTransient()).isFalse();
        assertThat(PersistenceFailure.isTransient(new IllegalStateException("bug"))).isFalse();
    }
}
