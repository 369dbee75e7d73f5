package ai.adoption.eventsourcing.testapp;

import ai.adoption.testinfra.DevTokens;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

import javax.sql.DataSource;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The module's test application: the shared machinery plus {@link Note}, its projections, its
 * resource and {@link TestEventConsumer}, on real infrastructure started once per test JVM (an
 * embedded PostgreSQL server with a fresh database, a Kafka KRaft broker in a child JVM) and a
 * topic prefix unique to the run, so that no test can pass on a record an earlier run left behind.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(KafkaResource.class)
@QuarkusTestResource(TestApp.UniqueTopics.class)
public final class TestApp {

    public static final String TOPIC_PREFIX = "es-test-" + UUID.randomUUID().toString().substring(0, 8);

    /** What the test consumer reads, and where its poison goes. */
    public static final String TEST_EVENTS_TOPIC = TOPIC_PREFIX + ".test-events";
    public static final String TEST_EVENTS_DLT = TOPIC_PREFIX + ".test-events.dlt";

    private TestApp() {
    }

    public static String topic(String streamType) {
        return TOPIC_PREFIX + "." + streamType;
    }

    /** A caller with a real signed token. */
    public static RequestSpecification as(String subject, String... roles) {
        return RestAssured.given().auth().oauth2(DevTokens.mint(subject, Set.of(roles), "test"))
                .contentType(ContentType.JSON);
    }

    public static RequestSpecification employee(String subject) {
        return as(subject, "employee");
    }

    public static RequestSpecification admin() {
        return as("root", "admin");
    }

    /** Writes a note with a unique title; answers its id. */
    public static String writeNote(String author) {
        return employee(author).body(Map.of("title", "Note " + UUID.randomUUID(), "text", "written by " + author))
                .post("/notes").then().statusCode(201).extract().path("id");
    }

    /** Every row of {@code table} in {@code key} order, each as {@code column=value;...}: read models compared row for row. */
    public static List<String> dump(DataSource dataSource, String table, String key) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select * from " + table + " order by " + key)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.append(meta.getColumnName(i)).append('=').append(rs.getString(i)).append(';');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    public static class UniqueTopics implements QuarkusTestResourceLifecycleManager {

        /** The relay's fallback poll: short, to keep fault tests short. */
        protected String pollInterval() {
            return "500ms";
        }

        @Override
        public Map<String, String> start() {
            String channel = "mp.messaging.incoming." + TestEventConsumer.CHANNEL + ".";
            return Map.ofEntries(
                    Map.entry("eventsourcing.relay.topic-prefix", TOPIC_PREFIX),
                    // fast fallback poll keeps fault tests short; LISTEN/NOTIFY and local wake-ups do the real work
                    Map.entry("eventsourcing.relay.poll-interval", pollInterval()),
                    // the test consumer's channel, configured exactly as a service's consumer is
                    Map.entry(channel + "connector", "smallrye-kafka"),
                    Map.entry(channel + "topic", TEST_EVENTS_TOPIC),
                    Map.entry(channel + "group.id", TOPIC_PREFIX + "-" + TestEventConsumer.NAME),
                    Map.entry(channel + "key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer"),
                    Map.entry(channel + "value.deserializer", "org.apache.kafka.common.serialization.ByteArrayDeserializer"),
                    Map.entry(channel + "auto.offset.reset", "earliest"),
                    Map.entry(channel + "isolation.level", "read_committed"),
                    Map.entry(channel + "commit-strategy", "throttled"),
                    Map.entry(channel + "throttled.unprocessed-record-max-age.ms", "0"),
                    Map.entry(channel + "failure-strategy", "dead-letter-queue"),
                    Map.entry(channel + "dead-letter-queue.topic", TEST_EVENTS_DLT),
                    Map.entry(channel + "health-readiness-enabled", "false"),
                    Map.entry("eventsourcing.consumer.initial-backoff", "100ms"),
                    Map.entry("eventsourcing.consumer.max-backoff", "1s"));
        }

        @Override
        public void stop() {
        }
    }
}
