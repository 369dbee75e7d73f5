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

    /**
     * Issue 12 §2: PostgreSQL restarted under load; COMMIT failed with "Connection reset" and the
     * rollback after it failed too, surfaced as a Mutiny CompositeException (wrapped by Hibernate).
     * That is a lost connection (transient, and unknown outcome during COMMIT), not a bug.
     */
    @Test
    void aResetCommitFollowedByAFailedRollbackIsALostConnection() {
        Throwable commitAndRollback = new org.hibernate.HibernateException("commit failed", new io.smallrye.mutiny.CompositeException(
                new java.net.SocketException("Connection reset"), new io.vertx.core.VertxException("Connection reset")));
        assertThat(PersistenceFailure.isTransient(commitAndRollback)).isTrue();
        assertThat(PersistenceFailure.hasConnectionLoss(commitAndRollback)).isTrue();
        // the rollback's failure alone, behind a first cause that says nothing
        Throwable second = new io.smallrye.mutiny.CompositeException(new IllegalStateException("Transaction already completed"),
                io.vertx.sqlclient.ClosedConnectionException.INSTANCE);
        assertThat(PersistenceFailure.hasConnectionLoss(second)).isTrue();
        assertThat(PersistenceFailure.hasConnectionLoss(new io.vertx.core.VertxException("Connection was closed"))).isTrue();
        assertThat(PersistenceFailure.hasConnectionLoss(new io.vertx.pgclient.PgException("terminating connection", "FATAL", "57P01", "d"))).isTrue();
        assertThat(PersistenceFailure.hasConnectionLoss(new java.io.IOException("Broken pipe"))).isTrue();
    }

    @Test
    void aStatementTimeoutOrAConstraintIsNoLostConnectionAndACallersTextNeverIs() {
        assertThat(PersistenceFailure.hasConnectionLoss(new io.vertx.pgclient.PgException("timeout", "ERROR", "57014", "d"))).isFalse();
        assertThat(PersistenceFailure.hasConnectionLoss(new io.vertx.pgclient.PgException("dup", "ERROR", "23505", "d"))).isFalse();
        // unreadable input that happens to say "connection reset" is still unreadable input, dead-lettered
        Throwable unreadable = new IllegalArgumentException("Unreadable finding: connection reset",
                new com.fasterxml.jackson.core.JsonParseException(null, "Unexpected character: connection reset"));
        assertThat(PersistenceFailure.isTransient(unreadable)).isFalse();
        assertThat(PersistenceFailure.hasConnectionLoss(unreadable)).isFalse();
    }

    @Test
    void aConflictIsFoundBehindWrappersAndCompositeCauses() {
        ConcurrencyConflict conflict = new ConcurrencyConflict("idea", "42");
        Throwable wrapped = new RuntimeException("tx", new io.smallrye.mutiny.CompositeException(conflict,
                new IllegalStateException("rollback failed")));
        assertThat(PersistenceFailure.find(wrapped, ConcurrencyConflict.class)).containsSame(conflict);
        assertThat(PersistenceFailure.find(new IllegalStateException("x"), ConcurrencyConflict.class)).isEmpty();
        // a cause cycle ends
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertThat(PersistenceFailure.isTransient(a)).isFalse();
    }
}
