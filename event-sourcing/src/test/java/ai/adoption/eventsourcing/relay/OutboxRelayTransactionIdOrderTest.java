package ai.adoption.eventsourcing.relay;

import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.eventsourcing.support.KafkaTopics;
import ai.adoption.eventsourcing.support.TopicReader;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.PostgresResource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Transaction ids are ordered as numbers, not as text. Regression test: the relay's batch query
 * selected {@code transaction_id::text} without a name, and ORDER BY then sorted by that text column,
 * so once a batch held ids of different lengths (...9999 next to ...10000) events were published out
 * of order, re-published every round, and with a full batch the checkpoint jumped over the
 * numerically smaller ones, which were then never published at all.
 */
class OutboxRelayTransactionIdOrderTest {

    private static final int EACH_SIDE = 3;

    private OutboxRelay relay;
    private TopicReader reader;

    @AfterEach
    void tearDown() {
        EsDatabases.closeQuietly(relay);
        EsDatabases.closeQuietly(reader);
    }

    @Test
    void eventsWhoseTransactionIdsStraddleAPowerOfTenArePublishedOnceInOrder() throws Exception {
        PostgresResource.Database db = EsDatabases.migrated("es_xid_order");
        String prefix = KafkaTopics.uniquePrefix("xidorder");
        String topic = KafkaTopics.create(prefix + "." + EsDatabases.STREAM_TYPE, 1);

        burnTransactionIdsUpToJustBelowAPowerOfTen(db);
        List<RecordedEvent<String>> appended = new ArrayList<>();
        List<Long> xids = new ArrayList<>();
        for (int i = 0; i < 2 * EACH_SIDE; i++) {
            RecordedEvent<String> e = EsDatabases.appendCommitted(db, "x" + i + "-" + UUID.randomUUID(), 0, "{\"i\":" + i + "}");
            appended.add(e);
            xids.add(EsDatabases.count(db, "select transaction_id::text::bigint from es_event where event_id = ?", e.eventId()));
        }
        assertThat(Long.toString(xids.get(0)).length())
                .as("precondition: the transaction ids %s have different numbers of digits", xids)
                .isLessThan(Long.toString(xids.get(xids.size() - 1)).length());

        // a batch of 2 makes the relay go through several full batches across the boundary
        relay = new OutboxRelay(new RelaySettings(prefix, "urn:test", Duration.ofMillis(100), 2, "es_events",
                KafkaTopics.uniqueLockKey()), db::connect, Map.of("bootstrap.servers", KafkaResource.bootstrapServers()),
                new SimpleMeterRegistry());
        relay.start();
        reader = new TopicReader(topic);
        reader.awaitIds(appended.stream().map(RecordedEvent::eventId).toList(), Duration.ofSeconds(15));
        reader.pollFor(Duration.ofMillis(800));
        assertThat(TopicReader.idList(reader.records()))
                .as("each event once, in transaction id order %s", xids)
                .containsExactlyElementsOf(appended.stream().map(e -> e.eventId().toString()).toList());
    }

    /** Consumes transaction ids (one per subtransaction) until the next id is a few below a power of ten. */
    private static void burnTransactionIdsUpToJustBelowAPowerOfTen(PostgresResource.Database db) throws Exception {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            st.execute("create temporary table burn (n int)");
            long next;
            try (ResultSet rs = st.executeQuery("select pg_current_xact_id()::text::bigint")) {
                rs.next();
                next = rs.getLong(1) + 1;
            }
            long boundary = 1;
            while (boundary <= next + EACH_SIDE + 5) {
                boundary *= 10;
            }
            long toBurn = boundary - EACH_SIDE - next - 2;
            Assumptions.assumeTrue(toBurn < 300_000, "the next power of ten is too far away: " + boundary);
            // each BEGIN ... EXCEPTION block is a subtransaction, and each one that writes takes its own id
            st.execute("do $$ begin for i in 1.." + toBurn + " loop begin insert into burn values (i);"
                    + " exception when others then null; end; end loop; end $$");
        }
    }
}
