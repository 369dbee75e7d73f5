package ai.adoption.governance;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.contracts.ContractEvents;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * experiments-service as governance sees it: its events with payloads built on the contract records
 * ({@link ContractEvents}), turned into Kafka records by the same CloudEvents mapping its relay
 * uses, on this run's copies of its topics.
 */
public final class Experiments {

    public static final String SOURCE = "urn:ai-adoption:experiments-service";
    private static KafkaProducer<String, byte[]> producer;

    private Experiments() {
    }

    public record Sent(UUID eventId, UUID aggregateId, Instant time, ProducerRecord<String, byte[]> record) {
    }

    /** An experiment.started payload; {@code dataClassification} null: as published before the field existed. */
    public static Map<String, Object> started(UUID experimentId, String department, String tool, String dataClassification) {
        return ContractEvents.data(ContractEvents.experimentStarted(experimentId, department, tool, dataClassification));
    }

    public static Sent experiment(UUID experimentId, long version, String eventType, Map<String, Object> data) {
        return send(TestInfrastructure.EXPERIMENT_TOPIC, "experiment", experimentId, version, eventType, data, UUID.randomUUID());
    }

    public static Map<String, Object> concluded(UUID experimentId, String department, String recommendation) {
        return ContractEvents.data(ContractEvents.experimentConcluded(experimentId, department, "ChatGPT Enterprise", "SUCCEEDED",
                recommendation));
    }

    public static Sent submitted(UUID ideaId, String department, String tool, String dataClassification) {
        return send(TestInfrastructure.IDEA_TOPIC, "idea", ideaId, 1, "idea.submitted",
                ContractEvents.data(ContractEvents.ideaSubmitted(ideaId, department, tool, dataClassification)), UUID.randomUUID());
    }

    /** The submitter revised the idea (stream version {@code version}); idea.revised carries no department. */
    public static Sent revised(UUID ideaId, long version, String tool, String dataClassification) {
        return send(TestInfrastructure.IDEA_TOPIC, "idea", ideaId, version, "idea.revised",
                ContractEvents.data(ContractEvents.ideaRevised(ideaId, tool, dataClassification)), UUID.randomUUID());
    }

    public static Sent send(String topic, String streamType, UUID aggregateId, long version, String eventType, Map<String, Object> data,
                            UUID eventId) {
        Instant time = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try {
            RecordedEvent<String> event = new RecordedEvent<>(eventId, streamType, aggregateId.toString(), version, eventType, 1,
                    ContractEvents.json(data), "fiona", "corr-" + eventId, UUID.randomUUID().toString(), time, time, version);
            ProducerRecord<String, byte[]> record = CloudEvents.toRecord(topic, SOURCE, event);
            sendRecord(record);
            return new Sent(eventId, aggregateId, time, record);
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

    public static void sendRaw(String topic, String key, byte[] value) throws Exception {
        sendRecord(new ProducerRecord<>(topic, key, value));
    }

    public static UUID systemIdOf(UUID experimentId) {
        return UUID.nameUUIDFromBytes(("ai-system:experiment:" + experimentId).getBytes(StandardCharsets.UTF_8));
    }
}
