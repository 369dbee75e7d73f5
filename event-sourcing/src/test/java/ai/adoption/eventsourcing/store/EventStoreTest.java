package ai.adoption.eventsourcing.store;

import ai.adoption.eventsourcing.support.EsDatabases;
import ai.adoption.testinfra.PostgresResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The append-only event store on a real PostgreSQL database migrated with the module's own Flyway scripts. */
class EventStoreTest {

    private static final String TYPE = "widget";
    private static final EventType CREATED = new EventType("widget.created", 1, Object.class);
    private static final EventType RENAMED = new EventType("widget.renamed", 2, Object.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PostgresResource.Database db;
    private final EventStore store = new EventStore();

    @BeforeAll
    static void database() {
        db = EsDatabases.migrated("es_store");
    }

    @Test
    void appendsAndReadsAStreamBackInVersionOrder() throws Exception {
        String streamId = "w-" + UUID.randomUUID();
        Instant occurred = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<EventStore.NewEvent> first = List.of(
                new EventStore.NewEvent(UUID.randomUUID(), CREATED, "{\"name\":\"one\",\"n\":1}", occurred),
                new EventStore.NewEvent(UUID.randomUUID(), RENAMED, "{\"name\":\"two\"}", occurred.plusSeconds(1)));
        EventStore.NewEvent third = new EventStore.NewEvent(UUID.randomUUID(), RENAMED, "{\"name\":\"three\"}", occurred.plusSeconds(2));
        // another stream interleaved, which must not show up
        String otherId = "w-" + UUID.randomUUID();

        try (Connection c = db.connect()) {
            List<RecordedEvent<String>> appended = store.append(c, TYPE, streamId, 0, first, metadata());
            assertThat(appended).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L);
            assertThat(appended.get(1).globalPosition()).isGreaterThan(appended.get(0).globalPosition());
            store.append(c, TYPE, otherId, 0, List.of(new EventStore.NewEvent(UUID.randomUUID(), CREATED, "{}", occurred)), metadata());
            store.append(c, TYPE, streamId, 2, List.of(third), metadata());

            List<RecordedEvent<String>> read = store.readStream(c, TYPE, streamId);
            List<EventStore.NewEvent> expected = new ArrayList<>(first);
            expected.add(third);
            assertThat(read).hasSize(3);
            for (int i = 0; i < 3; i++) {
                RecordedEvent<String> event = read.get(i);
                EventStore.NewEvent sent = expected.get(i);
                assertThat(event.eventId()).isEqualTo(sent.eventId());
                assertThat(event.streamVersion()).isEqualTo(i + 1L);
                assertThat(event.streamType()).isEqualTo(TYPE);
                assertThat(event.streamId()).isEqualTo(streamId);
                assertThat(event.eventType()).isEqualTo(sent.type().name());
                assertThat(event.schemaVersion()).isEqualTo(sent.type().schemaVersion());
                assertThat(JSON.readTree(event.payload())).isEqualTo(JSON.readTree(sent.payloadJson()));
                assertThat(event.occurredAt()).isEqualTo(sent.occurredAt());
                assertThat(event.actor()).isEqualTo("tester");
                assertThat(event.correlationId()).isEqualTo("corr");
                assertThat(event.causationId()).isEqualTo("cause");
                assertThat(event.recordedAt()).isNotNull();
                if (i > 0) {
                    assertThat(event.globalPosition()).isGreaterThan(read.get(i - 1).globalPosition());
                }
            }
            assertThat(read.get(2).cloudEventType()).isEqualTo("ai.adoption.widget.renamed.v2");
            assertThat(store.readStream(c, TYPE, "w-does-not-exist")).isEmpty();

            List<RecordedEvent<String>> all = new ArrayList<>();
            store.readAllOfTypes(c, List.of(TYPE), all::add);
            assertThat(all).extracting(RecordedEvent::globalPosition).isSorted();
            assertThat(all.stream().filter(e -> e.streamId().equals(streamId)).map(RecordedEvent::eventId).toList())
                    .containsExactly(expected.stream().map(EventStore.NewEvent::eventId).toArray(UUID[]::new));
        }
    }

    @Test
    void aSecondAppendAtTheSameExpectedVersionIsAConcurrencyConflict() throws Exception {
        String streamId = "w-" + UUID.randomUUID();
        try (Connection c = db.connect()) {
            store.append(c, TYPE, streamId, 0, List.of(event("{\"n\":1}")), metadata());
            RecordedEvent<String> second = store.append(c, TYPE, streamId, 1, List.of(event("{\"n\":2}")), metadata()).get(0);

            // a writer that read version 1 and appends after someone else already did
            assertThatThrownBy(() -> store.append(c, TYPE, streamId, 1, List.of(event("{\"n\":\"late\"}")), metadata()))
                    .isInstanceOf(ConcurrencyConflict.class)
                    .satisfies(e -> {
                        assertThat(((ConcurrencyConflict) e).streamType()).isEqualTo(TYPE);
                        assertThat(((ConcurrencyConflict) e).streamId()).isEqualTo(streamId);
                    });
            // a multi-event append whose first event collides leaves nothing behind
            assertThatThrownBy(() -> store.append(c, TYPE, streamId, 0, List.of(event("{}"), event("{}")), metadata()))
                    .isInstanceOf(ConcurrencyConflict.class);

            assertThat(store.readStream(c, TYPE, streamId)).extracting(RecordedEvent::eventId)
                    .hasSize(2).endsWith(second.eventId());
        }
    }

    @Test
    void twoConcurrentTransactionsAppendingTheSameVersionCannotBothCommit() throws Exception {
        String streamId = "w-" + UUID.randomUUID();
        EsDatabases.appendCommitted(db, streamId, 0, "{}");
        try (Connection first = db.connect(); Connection second = db.connect()) {
            first.setAutoCommit(false);
            second.setAutoCommit(false);
            store.append(first, TYPE, streamId, 1, List.of(event("{\"by\":\"first\"}")), metadata());
            // the second writer blocks on the unique index until the first commits, then loses
            CompletableFuture<Object> loser = CompletableFuture.supplyAsync(() -> {
                try {
                    return store.append(second, TYPE, streamId, 1, List.of(event("{\"by\":\"second\"}")), metadata());
                } catch (RuntimeException e) {
                    return e;
                }
            });
            Thread.sleep(300);
            assertThat(loser).isNotDone();
            first.commit();
            assertThat(loser.get(10, TimeUnit.SECONDS)).isInstanceOf(ConcurrencyConflict.class);
            second.rollback();
        }
        try (Connection c = db.connect()) {
            List<RecordedEvent<String>> stream = store.readStream(c, TYPE, streamId);
            assertThat(stream).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L);
            assertThat(JSON.readTree(stream.get(1).payload()).get("by").asText()).isEqualTo("first");
        }
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncateAndEventIdsStayStable() throws Exception {
        String streamId = "w-" + UUID.randomUUID();
        List<RecordedEvent<String>> before;
        try (Connection c = db.connect()) {
            store.append(c, TYPE, streamId, 0, List.of(event("{\"n\":1}"), event("{\"n\":2}")), metadata());
            before = store.readStream(c, TYPE, streamId);
        }
        String where = " where stream_id = '" + streamId + "'";
        assertRefused("update es_event set payload = '{\"n\":99}'::jsonb" + where);
        assertRefused("update es_event set event_id = gen_random_uuid()" + where);
        assertRefused("update es_event set stream_version = stream_version + 10" + where);
        assertRefused("delete from es_event" + where);
        assertRefused("delete from es_event");
        assertRefused("truncate es_event");
        assertRefused("truncate es_event cascade");
        // positions come from the identity column only
        assertThatThrownBy(() -> EsDatabases.execute(db, "insert into es_event (global_position, event_id, stream_type, stream_id,"
                + " stream_version, event_type, schema_version, payload, actor, occurred_at) values (1, gen_random_uuid(), 'widget',"
                + " 'x', 1, 'widget.created', 1, '{}', 'a', now())"))
                .hasRootCauseInstanceOf(SQLException.class);

        try (Connection c = db.connect()) {
            List<RecordedEvent<String>> after = store.readStream(c, TYPE, streamId);
            assertThat(after).isEqualTo(before);
            assertThat(after).extracting(RecordedEvent::eventId).doesNotHaveDuplicates().hasSize(2);
        }
    }

    private static void assertRefused(String sql) throws SQLException {
        try (Connection c = db.connect(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute(sql))
                    .as(sql)
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("es_event is append-only")
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
        }
    }

    private static EventStore.NewEvent event(String json) {
        return new EventStore.NewEvent(UUID.randomUUID(), CREATED, json, Instant.now());
    }

    private static EventStore.Metadata metadata() {
        return new EventStore.Metadata("tester", "corr", "cause");
    }
}
