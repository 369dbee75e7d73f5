package ai.adoption.eventsourcing.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
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

/**
 * The shared module's append-only event store, on the Hibernate Reactive session of the module's test
 * application against its real PostgreSQL database (migrated with the module's Flyway scripts). Other
 * writers and the refused statements go through plain JDBC.
 */
@QuarkusTest
class EventStoreTest {

    private static final String TYPE = "widget";
    private static final EventType CREATED = new EventType("widget.created", 1, Object.class);
    private static final EventType RENAMED = new EventType("widget.renamed", 2, Object.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    EventStore store;

    @Inject
    AgroalDataSource dataSource;

    /** Runs {@code work} in one reactive transaction on a Vert.x context and waits for it. */
    private static <T> T tx(java.util.function.Function<Mutiny.Session, Uni<T>> work) throws Throwable {
        return VertxContextSupport.<T>subscribeAndAwait(() -> Panache.withTransaction(
                () -> Panache.getSession().chain(session -> work.apply(session))));
    }

    private List<RecordedEvent<String>> append(String streamId, long version, List<EventStore.NewEvent> events) throws Throwable {
        return tx(session -> store.append(session, TYPE, streamId, version, events, metadata()));
    }

    private List<RecordedEvent<String>> read(String streamId) throws Throwable {
        return tx(session -> store.readStream(session, TYPE, streamId));
    }

    @Test
    void appendsAndReadsAStreamBackInVersionOrder() throws Throwable {
        String streamId = "w-" + UUID.randomUUID();
        Instant occurred = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<EventStore.NewEvent> first = List.of(
                new EventStore.NewEvent(UUID.randomUUID(), CREATED, "{\"name\":\"one\",\"n\":1}", occurred),
                new EventStore.NewEvent(UUID.randomUUID(), RENAMED, "{\"name\":\"two\"}", occurred.plusSeconds(1)));
        EventStore.NewEvent third = new EventStore.NewEvent(UUID.randomUUID(), RENAMED, "{\"name\":\"three\"}", occurred.plusSeconds(2));
        // another stream interleaved, which must not show up
        String otherId = "w-" + UUID.randomUUID();

        // two events in one statement
        List<RecordedEvent<String>> appended = append(streamId, 0, first);
        assertThat(appended).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L);
        assertThat(appended.get(1).globalPosition()).isGreaterThan(appended.get(0).globalPosition());
        append(otherId, 0, List.of(new EventStore.NewEvent(UUID.randomUUID(), CREATED, "{}", occurred)));
        append(streamId, 2, List.of(third));

        List<RecordedEvent<String>> read = read(streamId);
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
        // the payload went into jsonb as an object, not as a JSON string
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
             java.sql.ResultSet rs = st.executeQuery("select jsonb_typeof(payload), payload->>'name' from es_event "
                     + "where event_id = '" + third.eventId() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("object");
            assertThat(rs.getString(2)).isEqualTo("three");
        }
        assertThat(read.get(2).cloudEventType()).isEqualTo("ai.adoption.widget.renamed.v2");
        assertThat(read("w-does-not-exist")).isEmpty();

        List<RecordedEvent<String>> all = tx(session -> store.readAllOfTypes(session, List.of(TYPE), 0, 100_000));
        assertThat(all).extracting(RecordedEvent::globalPosition).isSorted();
        assertThat(all.stream().filter(e -> e.streamId().equals(streamId)).map(RecordedEvent::eventId).toList())
                .containsExactly(expected.stream().map(EventStore.NewEvent::eventId).toArray(UUID[]::new));
        // keyset paging: after the first event of the stream, the rest follow
        List<RecordedEvent<String>> after = tx(session -> store.readAllOfTypes(session, List.of(TYPE),
                appended.get(0).globalPosition(), 100_000));
        assertThat(after).extracting(RecordedEvent::globalPosition).allMatch(p -> p > appended.get(0).globalPosition());
    }

    @Test
    void aSecondAppendAtTheSameExpectedVersionIsAConcurrencyConflict() throws Throwable {
        String streamId = "w-" + UUID.randomUUID();
        append(streamId, 0, List.of(event("{\"n\":1}")));
        RecordedEvent<String> second = append(streamId, 1, List.of(event("{\"n\":2}"))).get(0);

        // a writer that read version 1 and appends after someone else already did
        assertThatThrownBy(() -> append(streamId, 1, List.of(event("{\"n\":\"late\"}"))))
                .isInstanceOf(ConcurrencyConflict.class)
                .satisfies(e -> {
                    assertThat(((ConcurrencyConflict) e).streamType()).isEqualTo(TYPE);
                    assertThat(((ConcurrencyConflict) e).streamId()).isEqualTo(streamId);
                });
        // a multi-event append whose first event collides leaves nothing behind
        assertThatThrownBy(() -> append(streamId, 0, List.of(event("{}"), event("{}"))))
                .isInstanceOf(ConcurrencyConflict.class);

        assertThat(read(streamId)).extracting(RecordedEvent::eventId).hasSize(2).endsWith(second.eventId());
    }

    @Test
    void twoConcurrentTransactionsAppendingTheSameVersionCannotBothCommit() throws Throwable {
        String streamId = "w-" + UUID.randomUUID();
        append(streamId, 0, List.of(event("{}")));
        try (Connection first = dataSource.getConnection()) {
            first.setAutoCommit(false);
            insert(first, streamId, 2, "{\"by\":\"first\"}");
            // the reactive writer blocks on the unique index until the first commits, then loses
            CompletableFuture<Object> loser = CompletableFuture.supplyAsync(() -> {
                try {
                    return append(streamId, 1, List.of(event("{\"by\":\"second\"}")));
                } catch (Throwable e) {
                    return e;
                }
            });
            Thread.sleep(300);
            assertThat(loser).isNotDone();
            first.commit();
            assertThat(loser.get(10, TimeUnit.SECONDS)).isInstanceOf(ConcurrencyConflict.class);
        }
        List<RecordedEvent<String>> stream = read(streamId);
        assertThat(stream).extracting(RecordedEvent::streamVersion).containsExactly(1L, 2L);
        assertThat(JSON.readTree(stream.get(1).payload()).get("by").asText()).isEqualTo("first");
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncateAndEventIdsStayStable() throws Throwable {
        String streamId = "w-" + UUID.randomUUID();
        append(streamId, 0, List.of(event("{\"n\":1}"), event("{\"n\":2}")));
        List<RecordedEvent<String>> before = read(streamId);
        String where = " where stream_id = '" + streamId + "'";
        assertRefused("update es_event set payload = '{\"n\":99}'::jsonb" + where);
        assertRefused("update es_event set event_id = gen_random_uuid()" + where);
        assertRefused("update es_event set stream_version = stream_version + 10" + where);
        assertRefused("delete from es_event" + where);
        assertRefused("delete from es_event");
        assertRefused("truncate es_event");
        assertRefused("truncate es_event cascade");
        // positions come from the identity column only
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.execute("insert into es_event (global_position, event_id, stream_type, stream_id,"
                    + " stream_version, event_type, schema_version, payload, actor, occurred_at) values (1, gen_random_uuid(), 'widget',"
                    + " 'x', 1, 'widget.created', 1, '{}', 'a', now())"))
                    .isInstanceOf(SQLException.class);
        }

        List<RecordedEvent<String>> after = read(streamId);
        assertThat(after).isEqualTo(before);
        assertThat(after).extracting(RecordedEvent::eventId).doesNotHaveDuplicates().hasSize(2);
    }

    private static void insert(Connection c, String streamId, long version, String json) throws SQLException {
        try (java.sql.PreparedStatement ps = c.prepareStatement("insert into es_event (event_id, stream_type, stream_id, "
                + "stream_version, event_type, schema_version, payload, actor, occurred_at) values (?, ?, ?, ?, ?, 1, ?::jsonb, 'other', now())")) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, TYPE);
            ps.setString(3, streamId);
            ps.setLong(4, version);
            ps.setString(5, CREATED.name());
            ps.setString(6, json);
            ps.executeUpdate();
        }
    }

    private void assertRefused(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
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
