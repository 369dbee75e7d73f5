package ai.adoption.revisit;

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
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * experiments-service as the revisit service sees it: its events, with payloads built on the contract
 * records ({@link ContractEvents}), turned into Kafka records by the same
 * CloudEvents mapping its outbox relay uses, on this run's copies of its topics.
 */
public final class Experiments {

    public static final String SOURCE = "urn:ai-adoption:experiments-service";
    private static KafkaProducer<String, byte[]> producer;

    private Experiments() {
    }

    /** What was sent: the event id (the case's causation) and when it happened. */
    public record Sent(UUID eventId, UUID aggregateId, Instant time) {
    }

    public static Map<String, Object> rejection(UUID ideaId, String department, String tool, String reason, String revisitAfter) {
        return ContractEvents.data(ContractEvents.ideaRejected(ideaId, department, tool, reason, revisitAfter));
    }

    public static Sent reject(String department, String tool, String reason, String revisitAfter) {
        UUID ideaId = UUID.randomUUID();
        return send(TestInfrastructure.IDEA_TOPIC, "idea", ideaId, 2, "idea.rejected",
                rejection(ideaId, department, tool, reason, revisitAfter), UUID.randomUUID(), Instant.now());
    }

    public static Sent concluded(String department, String tool, String outcome, String recommendation) {
        UUID experimentId = UUID.randomUUID();
        return send(TestInfrastructure.EXPERIMENT_TOPIC, "experiment", experimentId, 3, "experiment.concluded",
                ContractEvents.data(ContractEvents.experimentConcluded(experimentId, department, tool, outcome, recommendation)),
                UUID.randomUUID(), Instant.now());
    }

    public static Sent abandoned(String department, String tool) {
        UUID experimentId = UUID.randomUUID();
        return send(TestInfrastructure.EXPERIMENT_TOPIC, "experiment", experimentId, 2, "experiment.abandoned",
                ContractEvents.data(ContractEvents.experimentAbandoned(experimentId, department, tool)), UUID.randomUUID(),
                Instant.now());
    }

    public static Sent send(String topic, String streamType, UUID aggregateId, long version, String eventType,
                            Map<String, Object> data, UUID eventId, Instant at) {
        // PostgreSQL keeps microseconds: so does what a test compares with
        Instant time = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try {
            RecordedEvent<String> event = new RecordedEvent<>(eventId, streamType, aggregateId.toString(), version, eventType, 1,
                    ContractEvents.json(data), "fiona", "corr-" + eventId, UUID.randomUUID().toString(), time, time, version);
            sendRecord(CloudEvents.toRecord(topic, SOURCE, event));
            return new Sent(eventId, aggregateId, time);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static synchronized void sendRecord(ProducerRecord<String, byte[]> record) throws Exception {
        if (producer == null) {
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                    ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        }
        producer.send(record).get(30, TimeUnit.SECONDS);
    }

    public static UUID caseIdOf(Sent sent) {
        return UUID.nameUUIDFromBytes(("revisit-case:" + sent.eventId()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
