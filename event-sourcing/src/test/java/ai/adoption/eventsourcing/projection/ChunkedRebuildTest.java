package ai.adoption.eventsourcing.projection;

import ai.adoption.eventsourcing.testapp.ReplayPause;
import ai.adoption.eventsourcing.testapp.TestApp;
import ai.adoption.testinfra.KafkaResource;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 12 §4: a rebuild commits in chunks (25 events in the test application), so it neither holds
 * the cluster's xmin horizon, which gates every relay on the server, nor loses an event that commits
 * late with a lower position than events it has already replayed.
 */
@QuarkusTest
class ChunkedRebuildTest {

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    /**
     * A rebuild held in its middle: an event of another stream type committed meanwhile is published
     * by the relay before the rebuild ends. A rebuild in one transaction holds a transaction id from
     * its first write to its end, and the relay publishes nothing committed after it until then.
     */
    @Test
    void theRelayPublishesAnEventCommittedMidRebuildBeforeTheRebuildEnds() throws Exception {
        for (int i = 0; i < 30; i++) {
            TestApp.writeNote("before-" + i);
        }
        String paused = TestApp.writeNote("paused");
        for (int i = 0; i < 30; i++) {
            TestApp.writeNote("after-" + i);
        }
        List<String> live = TestApp.dump(dataSource, "note_view", "note_id");
        ReplayPause pause = ReplayPause.arm(paused);
        String marker = "marker-" + UUID.randomUUID();
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestApp.topic("marker")));
            CompletableFuture<Integer> rebuild = CompletableFuture.supplyAsync(() -> TestApp.admin()
                    .post("/admin/projections/{name}/rebuild", "notes").then().extract().statusCode());
            try {
                pause.reached.get(120, TimeUnit.SECONDS);
                appendMarker(marker);
                ConsumerRecord<String, byte[]> published = awaitKey(consumer, marker, Duration.ofSeconds(60));
                assertThat(published).as("the marker on Kafka while the rebuild is held").isNotNull();
                assertThat(rebuild).as("the rebuild, still held").isNotDone();
            } finally {
                pause.release();
            }
            assertThat(rebuild.get(120, TimeUnit.SECONDS)).isEqualTo(200);
        }
        assertThat(TestApp.dump(dataSource, "note_view", "note_id")).containsExactlyElementsOf(live);
        assertThat(schemasLeftBehind()).isEmpty();
    }

    /**
     * Transaction T1 takes its id, appends a revision (position p) and stays open; T0, whose id is
     * lower, then writes a note at a position above p and commits. The rebuild replays up to that note
     * and is held there; T1 commits; the rebuild goes on. Replaying in position order would have
     * passed p before T1 committed and lost the revision; the (transaction id, position) order below
     * the xmin gate cannot.
     */
    @Test
    void anEventCommittedLateWithALowerPositionIsNotLost() throws Exception {
        String revised = TestApp.writeNote("late");
        String paused = UUID.randomUUID().toString();
        // connections of their own, not the pool's: closing them ends their transactions whatever happens
        try (Connection early = DriverManager.getConnection(jdbcUrl, user, password);
             Connection late = DriverManager.getConnection(jdbcUrl, user, password)) {
            early.setAutoCommit(false);
            late.setAutoCommit(false);
            transactionId(early);
            transactionId(late);
            // T1 (the later id): the revision, as a command writes it: event and read-model row together
            insertEvent(late, revised, 2, "note.revised", "{\"title\":\"revised late\",\"text\":\"t\"}");
            try (PreparedStatement ps = late.prepareStatement("update note_view set title = 'revised late', body = 't',"
                    + " revisions = revisions + 1, version = 2, updated_at = ? where note_id = ?::uuid")) {
                ps.setObject(1, java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"));
                ps.setString(2, revised);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = late.prepareStatement("insert into note_revision_view (event_id, note_id, version, title,"
                    + " revised_at) select event_id, stream_id::uuid, stream_version, 'revised late', occurred_at from es_event"
                    + " where stream_type = 'note' and stream_id = ? and stream_version = 2")) {
                ps.setString(1, revised);
                ps.executeUpdate();
            }
            // T0 (the earlier id): a note at a higher position, committed first
            insertEvent(early, paused, 1, "note.written", "{\"noteId\":\"" + paused + "\",\"title\":\"held here\",\"text\":\"t\",\"author\":\"t0\"}");
            try (PreparedStatement ps = early.prepareStatement("insert into note_view (note_id, version, title, body, author,"
                    + " written_at, updated_at) values (?::uuid, 1, 'held here', 't', 't0', ?, ?)")) {
                ps.setString(1, paused);
                ps.setObject(2, java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"));
                ps.setObject(3, java.time.OffsetDateTime.parse("2026-01-01T00:00:00Z"));
                ps.executeUpdate();
            }
            early.commit();
            for (int i = 0; i < 30; i++) {
                TestApp.writeNote("later-" + i);
            }
            ReplayPause pause = ReplayPause.arm(paused);
            CompletableFuture<Integer> rebuild = CompletableFuture.supplyAsync(() -> TestApp.admin()
                    .post("/admin/projections/{name}/rebuild", "notes").then().extract().statusCode());
            List<String> live;
            try {
                pause.reached.get(120, TimeUnit.SECONDS);
                late.commit();
                live = TestApp.dump(dataSource, "note_view", "note_id");
            } finally {
                pause.release();
            }
            assertThat(rebuild.get(120, TimeUnit.SECONDS)).isEqualTo(200);
            assertThat(TestApp.dump(dataSource, "note_view", "note_id")).containsExactlyElementsOf(live);
        }
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select title, version, revisions from note_view where note_id = '" + revised + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("revised late");
            assertThat(rs.getLong(2)).isEqualTo(2);
            assertThat(rs.getInt(3)).isEqualTo(1);
        }
    }

    private static void transactionId(Connection c) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("select pg_current_xact_id()");
        }
    }

    private static void insertEvent(Connection c, String streamId, long version, String type, String json) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into es_event (event_id, stream_type, stream_id, stream_version,"
                + " event_type, schema_version, payload, actor, occurred_at) values (?, 'note', ?, ?, ?, 1, ?::jsonb, 'raw', '2026-01-01T00:00:00Z')")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, streamId);
            ps.setLong(3, version);
            ps.setString(4, type);
            ps.setString(5, json);
            ps.executeUpdate();
        }
    }

    private void appendMarker(String marker) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("insert into es_event (event_id,"
                + " stream_type, stream_id, stream_version, event_type, schema_version, payload, actor, occurred_at)"
                + " values (?, 'marker', ?, 1, 'marker.set', 1, '{}', 'test', now())")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, marker);
            ps.executeUpdate();
        }
    }

    private List<String> schemasLeftBehind() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select nspname from pg_namespace where nspname like 'es_rebuild_%'")) {
            List<String> names = new java.util.ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    private static ConsumerRecord<String, byte[]> awaitKey(KafkaConsumer<String, byte[]> consumer, String key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (key.equals(record.key())) {
                    return record;
                }
            }
        }
        return null;
    }
}
