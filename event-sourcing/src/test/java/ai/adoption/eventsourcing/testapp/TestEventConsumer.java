package ai.adoption.eventsourcing.testapp;

import ai.adoption.eventsourcing.cloudevents.IncomingEvent;
import ai.adoption.eventsourcing.consumer.EventHandler;
import ai.adoption.eventsourcing.store.EventType;
import ai.adoption.eventsourcing.consumer.IdempotentEvents;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * A consumer as revisit-service and governance-service write theirs: one annotated method and the
 * channel's configuration (here from {@code TestApp}, on a topic unique to the run). Its
 * effect, a row in {@code test_consumed_event}, commits with the processed-event mark. An event
 * whose data contains {@code "poison"} always fails; one that contains {@code "locked"} first takes
 * a lock on {@code test_lock_target} with a short lock timeout (a real 55P03 while a test holds it).
 * Events of {@link #IGNORED_TYPE} are not acted on.
 */
@ApplicationScoped
public class TestEventConsumer {

    public static final String CHANNEL = "test-events";
    public static final String NAME = "es-test-consumer";
    /** A stored event type this consumer does not act on (as a router skips the types it has no route for). */
    public static final String IGNORED_TYPE = "test.ignored";
    private static final String IGNORED_CE_TYPE = EventType.cloudEventType(IGNORED_TYPE, 1);

    @Inject
    IdempotentEvents events;

    @Incoming(CHANNEL)
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return events.once(NAME, record, new EventHandler() {
            @Override
            public Uni<?> handle(IncomingEvent event) {
                return IGNORED_CE_TYPE.equals(event.type()) ? Uni.createFrom().voidItem() : record(event);
            }

            @Override
            public boolean handles(String type) {
                return !IGNORED_CE_TYPE.equals(type);
            }
        });
    }

    private Uni<Integer> record(IncomingEvent event) {
        if (event.data().contains("poison")) {
            return Uni.createFrom().failure(new IllegalStateException("cannot handle " + event.data()));
        }
        return Panache.getSession().chain(session -> {
            Uni<Integer> before = Uni.createFrom().item(0);
            if (event.data().contains("locked")) {
                before = session.createNativeQuery("set local lock_timeout = '100ms'").executeUpdate()
                        .chain(() -> session.createNativeQuery("lock table test_lock_target in share mode").executeUpdate());
            }
            return before.chain(() -> session.createNativeQuery(
                            "insert into test_consumed_event (event_id, stream_id, data) values (?1, ?2, ?3)")
                    .setParameter(1, event.id())
                    .setParameter(2, event.subject())
                    .setParameter(3, event.data())
                    .executeUpdate());
        });
    }
}
