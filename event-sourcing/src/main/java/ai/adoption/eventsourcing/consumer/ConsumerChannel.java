package ai.adoption.eventsourcing.consumer;

import io.smallrye.mutiny.Uni;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One consumed channel, registered once with {@link IdempotentEvents#channel}: its name (the
 * {@code @Incoming} channel, whose configuration names the dead-letter topic), the consumer name
 * that keys {@code es_processed_event}, and the handler. The {@code @Incoming} method hands every
 * record to {@link #on}; an operator's replay of a dead-lettered record goes through the same
 * handler and the same processed-event mark ({@link DeadLetters}).
 */
public final class ConsumerChannel {

    private final String name;
    private final String consumer;
    private final EventHandler handler;
    private final IdempotentEvents events;
    private final InFlightRecords inFlight = new InFlightRecords();

    ConsumerChannel(String name, String consumer, EventHandler handler, IdempotentEvents events) {
        this.name = name;
        this.consumer = consumer;
        this.handler = handler;
        this.events = events;
    }

    /** The {@code @Incoming} method's body: handle the record once, retrying database outages in place. */
    public Uni<Void> on(ConsumerRecord<String, byte[]> record) {
        return events.process(consumer, record, handler, inFlight, true).replaceWithVoid();
    }

    /**
     * Handles a record read back from the dead-letter topic: once by event id (a processed event is a
     * duplicate), with a bounded number of attempts, since an operator waits for the answer.
     */
    Uni<IdempotentEvents.Outcome> replay(ConsumerRecord<String, byte[]> record) {
        return events.process(consumer, record, handler, null, false);
    }

    public String name() {
        return name;
    }

    public String consumer() {
        return consumer;
    }

    public InFlightRecords inFlight() {
        return inFlight;
    }
}
