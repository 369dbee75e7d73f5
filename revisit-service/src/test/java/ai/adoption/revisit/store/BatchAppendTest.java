package ai.adoption.revisit.store;

import ai.adoption.eventsourcing.store.Columns;
import ai.adoption.eventsourcing.store.ConcurrencyConflict;
import ai.adoption.eventsourcing.store.EventStore;
import ai.adoption.eventsourcing.store.EventType;
import ai.adoption.eventsourcing.store.PersistenceFailure;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.revisit.Cases;
import ai.adoption.revisit.Db;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The event store's one batch append ({@link EventStore#appendBatch}) on the real database, through
 * the service's Hibernate Reactive session: many streams in one statement, arrays bound for every
 * column (jsonb payloads, timestamptz, nulls), the unique constraints, and one server-side prepared
 * statement whatever the batch size.
 */
@QuarkusTest
class BatchAppendTest {

    private static final EventType HAPPENED = new EventType("batch-test.happened", 1, Object.class);
    private static final EventType CHANGED = new EventType("batch-test.changed", 2, Object.class);

    @Inject
    EventStore store;
    @Inject
    Vertx vertx;
    @Inject
    AgroalDataSource dataSource;

    private <T> T tx(Function<Mutiny.Session, Uni<T>> work) {
        return Cases.onContext(vertx, () -> Panache.<T>withTransaction(() -> Panache.getSession().chain(session -> work.apply(session))));
    }

    private static EventStore.Appending event(String streamType, String streamId, long version, EventType type, String json,
                                              Instant at, EventStore.Metadata metadata) {
        return new EventStore.Appending(streamType, streamId, version, new EventStore.NewEvent(UUID.randomUUID(), type, json, at),
                metadata);
    }

    @Test
    void oneStatementAppendsToManyStreamsInBatchOrderWithEveryColumnIntact() {
        String type = "batch-" + UUID.randomUUID();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        EventStore.Metadata who = new EventStore.Metadata("system:test", "corr-1", null);
        EventStore.Metadata other = new EventStore.Metadata("alice", null, "cause-9");
        List<EventStore.Appending> batch = List.of(
                event(type, "a", 1, HAPPENED, "{\"text\":\"caf\\u00e9 \\\"quoted\\\"\",\"n\":1}", at, who),
                event(type, "b", 1, HAPPENED, "{\"list\":[1,2,3]}", at.plusMillis(1), other),
                event(type, "a", 2, CHANGED, "{\"nested\":{\"ok\":true}}", at.plusMillis(2), who),
                event(type, "c", 1, HAPPENED, "{}", at.plusMillis(3), other));

        List<RecordedEvent<String>> recorded = tx(session -> store.appendBatch(session, batch));

        assertThat(recorded).extracting(RecordedEvent::eventId).containsExactlyElementsOf(batch.stream().map(a -> a.event().eventId()).toList());
        assertThat(recorded).extracting(RecordedEvent::streamVersion).containsExactly(1L, 1L, 2L, 1L);
        for (int i = 1; i < recorded.size(); i++) {
            assertThat(recorded.get(i).globalPosition()).as("batch order is append order").isGreaterThan(recorded.get(i - 1).globalPosition());
        }
        List<RecordedEvent<String>> a = tx(session -> store.readStream(session, type, "a"));
        assertThat(a).extracting(RecordedEvent::eventType).containsExactly("batch-test.happened", "batch-test.changed");
        assertThat(a.get(0).payload()).isEqualTo("{\"n\": 1, \"text\": \"café \\\"quoted\\\"\"}");
        assertThat(a.get(1).schemaVersion()).isEqualTo(2);
        assertThat(a.get(1).occurredAt()).isEqualTo(at.plusMillis(2));
        assertThat(a.get(0).correlationId()).isEqualTo("corr-1");
        assertThat(a.get(0).causationId()).isNull();
        assertThat(a.get(0).globalPosition()).isEqualTo(recorded.get(0).globalPosition());
        assertThat(a.get(0).recordedAt()).isEqualTo(recorded.get(0).recordedAt());
        RecordedEvent<String> b = tx(session -> store.readStream(session, type, "b")).get(0);
        assertThat(b.actor()).isEqualTo("alice");
        assertThat(b.causationId()).isEqualTo("cause-9");
        assertThat(b.correlationId()).isNull();
        assertThat(Db.count(dataSource, "select count(*) from es_event where stream_type = ? and jsonb_typeof(payload) = 'object'", type))
                .as("payloads are stored as JSON objects, not JSON strings").isEqualTo(4);
    }

    @Test
    void aTakenVersionInOneStreamRefusesTheWholeBatch() {
        String type = "batch-" + UUID.randomUUID();
        Instant at = Instant.now();
        EventStore.Metadata who = new EventStore.Metadata("system:test", null, null);
        tx(session -> store.appendBatch(session, List.of(event(type, "taken", 1, HAPPENED, "{}", at, who))));

        assertThatThrownBy(() -> tx(session -> store.appendBatch(session, List.of(
                event(type, "free-1", 1, HAPPENED, "{}", at, who),
                event(type, "taken", 1, HAPPENED, "{}", at, who),
                event(type, "free-2", 1, HAPPENED, "{}", at, who)))))
                .isInstanceOf(ConcurrencyConflict.class);
        assertThat(Db.count(dataSource, "select count(*) from es_event where stream_type = ?", type)).isEqualTo(1);

        // the single-stream append that CommandBus uses: same statement, same mapping
        assertThatThrownBy(() -> tx(session -> store.append(session, type, "taken", 0,
                List.of(new EventStore.NewEvent(UUID.randomUUID(), HAPPENED, "{}", at)), who)))
                .isInstanceOf(ConcurrencyConflict.class);
        // a reused event id is not a version conflict: it is a bug
        UUID reused = tx(session -> store.readStream(session, type, "taken")).get(0).eventId();
        assertThatThrownBy(() -> tx(session -> store.appendBatch(session, List.of(new EventStore.Appending(type, "fresh", 1,
                new EventStore.NewEvent(reused, HAPPENED, "{}", at), who)))))
                .isInstanceOf(PersistenceFailure.class).isNotInstanceOf(ConcurrencyConflict.class);
    }

    /**
     * The statement's text does not grow with the batch: appends of 1, 7 and 300 events and a batch
     * across 50 streams on one connection leave one prepared insert into es_event in that connection's
     * {@code pg_prepared_statements} (the reactive client caches prepared statements by their text).
     */
    @Test
    void batchesOfAnySizeShareOnePreparedStatement() {
        String type = "batch-" + UUID.randomUUID();
        EventStore.Metadata who = new EventStore.Metadata("system:test", null, null);
        long prepared = tx(session -> {
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (int size : new int[]{1, 7, 300}) {
                // the command bus's call: one stream, as many events as the command decided
                List<EventStore.NewEvent> events = new ArrayList<>();
                for (int i = 0; i < size; i++) {
                    events.add(new EventStore.NewEvent(UUID.randomUUID(), HAPPENED, "{\"i\":" + i + "}", Instant.now()));
                }
                chain = chain.chain(() -> store.append(session, type, "s-" + size, 0, events, who)).replaceWithVoid();
            }
            // and a multi-stream batch, as the scheduler appends
            List<EventStore.Appending> batch = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                batch.add(event(type, "m-" + i, 1, HAPPENED, "{}", Instant.now(), who));
            }
            chain = chain.chain(() -> store.appendBatch(session, batch)).replaceWithVoid();
            return chain.chain(() -> session.createNativeQuery(
                            "select count(*) from pg_prepared_statements where statement like 'insert into es_event%'", Object.class)
                    .getSingleResult()
                    .map(Columns::longValue));
        });
        assertThat(prepared).isEqualTo(1);
        assertThat(Db.count(dataSource, "select count(*) from es_event where stream_type = ?", type)).isEqualTo(358);
    }
}
