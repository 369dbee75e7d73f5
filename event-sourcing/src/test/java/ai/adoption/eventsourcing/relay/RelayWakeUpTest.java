package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.testapp.TestApp;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-process wake-up survived the move from JTA synchronisations to reactive transactions: with
 * the relay's fallback poll at 60 s (and no NOTIFY from write transactions), a command's event still
 * reaches Kafka within seconds of its commit, because {@code UnitOfWork} signals the relay after it.
 */
@QuarkusTest
@TestProfile(RelayWakeUpTest.SlowPoll.class)
class RelayWakeUpTest {

    public static final class SlowPoll implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class), new TestResourceEntry(KafkaResource.class),
                    new TestResourceEntry(SlowPollTopics.class));
        }

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }
    }

    public static final class SlowPollTopics extends TestApp.UniqueTopics {
        @Override
        protected String pollInterval() {
            return "60s";
        }
    }

    @jakarta.inject.Inject
    io.agroal.api.AgroalDataSource dataSource;

    private static ConsumerRecord<String, byte[]> awaitKey(KafkaConsumer<String, byte[]> consumer, String key, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                if (key.equals(record.key())) {
                    return record;
                }
            }
        }
        return null;
    }

    private String relayState() {
        try (java.sql.Connection c = dataSource.getConnection(); java.sql.Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select (select last_position from es_relay_checkpoint), "
                     + "(select max(global_position) from es_event), pg_snapshot_xmin(pg_current_snapshot())::text, "
                     + "(select string_agg(datname || ':' || state || ':' || coalesce(backend_xid::text, '-') || ':' || left(query, 40), ' | ') "
                     + "from pg_stat_activity where backend_xid is not null)")) {
            rs.next();
            return "checkpoint " + rs.getLong(1) + ", last event " + rs.getLong(2) + ", xmin " + rs.getString(3)
                    + ", writers " + rs.getString(4);
        } catch (java.sql.SQLException e) {
            return e.toString();
        }
    }

    @Test
    void aCommittedEventIsPublishedAtOnceNotAtTheNextPoll() {
        try (KafkaConsumer<String, byte[]> consumer = KafkaResource.newBytesConsumer()) {
            consumer.subscribe(List.of(TestApp.topic("note")));
            // a first event, awaited without a time limit that matters: the topic exists, the group has
            // joined and the relay's transactional producer is initialised (slow on a fresh broker)
            String first = TestApp.writeNote("early-bird");
            assertThat(awaitKey(consumer, first, Duration.ofSeconds(120))).as("the first event; " + relayState()).isNotNull();

            long start = System.nanoTime();
            String note = TestApp.writeNote("wake-up");
            ConsumerRecord<String, byte[]> found = awaitKey(consumer, note, Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(found).as("the note's event on Kafka; relay state: " + relayState()).isNotNull();
            // far below the 60 s fallback poll: the commit woke the relay (generous for a busy 2-core CI box)
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }
}
