package ai.adoption.dashboard;

import ai.adoption.contracts.EventCatalogue;
import ai.adoption.contracts.EventContract;
import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.contracts.ContractEvents;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The producing services as the dashboard sees them: contract records (built with the shared
 * {@link ContractEvents} fixture or the records' constructors), turned into Kafka records by the same
 * CloudEvents mapping the outbox relays use, on this run's copies of the catalogue's topics.
 */
public final class Streams {

    private static KafkaProducer<String, byte[]> producer;

    private Streams() {
    }

    /** Publishes {@code payload} as its catalogue type on its topic, keyed by {@code key}; waits for the broker. */
    public static UUID publish(String key, Record payload) {
        return publish(key, payload, UUID.randomUUID(), Instant.now());
    }

    public static UUID publish(String key, Record payload, UUID eventId, Instant at) {
        try {
            send(key, payload, eventId, at).get(30, TimeUnit.SECONDS);
            return eventId;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Sends without waiting (many at once); call {@link #flush} before expecting them. */
    public static Future<?> send(String key, Record payload, UUID eventId, Instant at) {
        EventContract<?> contract = EventCatalogue.of(payload.getClass());
        Instant time = at.truncatedTo(ChronoUnit.MICROS);
        String streamType = contract.topic().substring(contract.topic().indexOf('.') + 1);
        RecordedEvent<String> event = new RecordedEvent<>(eventId, streamType, key, 1, contract.name(), contract.schemaVersion(),
                ContractEvents.json(payload), "tester", "corr-" + eventId, UUID.randomUUID().toString(), time, time, 1);
        ProducerRecord<String, byte[]> record = CloudEvents.toRecord(TestInfrastructure.topic(contract.topic()),
                "urn:ai-adoption:test", event);
        return producer().send(record);
    }

    public static void flush() {
        producer().flush();
    }

    private static synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5), new StringSerializer(),
                    new ByteArraySerializer());
        }
        return producer;
    }
}
