package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.PostgresResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Liveness follows the relay loop's rounds: a relay thread stuck in a statement is DOWN, and UP again
 * when it completes rounds again. The relay's own connections have a socket timeout that cuts such a hang.
 */
class OutboxRelayLivenessTest {

    private OutboxRelay relay;
    private TopicReader reader;
    private Connection locker;

    @AfterEach
    void tearDown() {
        EsDatabases.rollbackAndClose(locker);
        EsDatabases.closeQuietly(reader);
        EsDatabases.closeQuietly(relay);
    }

    @Test
    void livenessIsDownWhileNoRoundCompletesWithinTheTimeoutAndUpAgainAfterwards() throws Exception {
        PostgresResource.Database db = EsDatabases.migrated("es_liveness");
        String prefix = KafkaTopics.uniquePrefix("liveness");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 1);
        RelaySettings settings = new RelaySettings(prefix, "urn:test", Duration.ofMillis(200), 100, "es_events",
                KafkaTopics.uniqueLockKey(), Duration.ofSeconds(3), Duration.ofMillis(300));
        relay = KafkaTopics.relay(settings, db::connect, new SimpleMeterRegistry());
        relay.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> relay.isLeader() && relay.isLive());
        assertThat(RelayLivenessCheck.response(Optional.of(relay)).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);

        // the relay's next read hangs (as on a half-open connection without a socket timeout)
        locker = lockEvents(db);
        await().atMost(Duration.ofSeconds(30)).until(() -> !relay.isLive());
        assertThat(relay.isRunning()).as("the thread is alive, only stuck").isTrue();
        assertThat(relay.sinceLastRound()).isGreaterThan(Duration.ofSeconds(3));
        assertThat(RelayLivenessCheck.response(Optional.of(relay)).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);

        locker.rollback();
        await().atMost(Duration.ofSeconds(30)).until(relay::isLive);
        assertThat(RelayLivenessCheck.response(Optional.of(relay)).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void theSocketTimeoutOfTheRelaysConnectionsCutsAHungStatementAndTheRelayRecovers() throws Exception {
        PostgresResource.Database db = EsDatabases.migrated("es_socket_timeout");
        String prefix = KafkaTopics.uniquePrefix("socket-timeout");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 1);
        Properties properties = RelayLifecycle.connectionProperties(Optional.of(db.user()), Optional.of(db.password()),
                Duration.ofSeconds(2));
        assertThat(properties).containsEntry("socketTimeout", "2").containsEntry("tcpKeepAlive", "true");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), properties); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("select pg_sleep(10)")).isInstanceOf(SQLException.class);
        }

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        relay = KafkaTopics.relay(KafkaTopics.settings(prefix, Duration.ofMillis(500), KafkaTopics.uniqueLockKey()),
                () -> DriverManager.getConnection(db.jdbcUrl(), properties), meters);
        relay.start();
        await().atMost(Duration.ofSeconds(20)).until(relay::isLeader);
        locker = lockEvents(db);
        await().atMost(Duration.ofSeconds(20)).until(() -> meters.get("eventsourcing.relay.failures").counter().count() >= 1);
        locker.rollback();

        RecordedEvent<String> event = EsDatabases.appendCommitted(db, "s-" + UUID.randomUUID(), 0, "{}");
        relay.wake();
        reader = new TopicReader(topic);
        reader.awaitIds(List.of(event.eventId()), Duration.ofSeconds(30));
        assertThat(TopicReader.idsOf(reader.records())).contains(event.eventId().toString());
        assertThat(relay.isLive()).isTrue();
    }

    private static Connection lockEvents(PostgresResource.Database db) throws SQLException {
        Connection c = db.connect();
        c.setAutoCommit(false);
        try (Statement st = c.createStatement()) {
            st.execute("lock table es_event in access exclusive mode");
        }
        return c;
    }
}
