package ai.adoption.governance;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.testinfra.KafkaResource;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * experiments-service as governance sees it: its events with the payload fields its records
 * serialise to (docs/events.md), turned into Kafka records by the same CloudEvents mapping its relay
 * uses, on this run's copies of its topics.
 */
public final class Experiments {

    public static final String SOURCE = "urn:ai-adoption:experiments-service";
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    private static KafkaProducer<String, byte[]> producer;

    private Experiments() {
    }

    public record Sent(UUID eventId, UUID aggregateId, Instant time, ProducerRecord<String, byte[]> record) {
    }

    /** The payload of ExperimentStarted exactly as experiments-service serialises it (field order of the record). */
    public static Map<String, Object> started(UUID experimentId, String department, String tool, String dataClassification) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("experimentId", experimentId.toString());
        data.put("ideaId", UUID.randomUUID().toString());
        data.put("department", department);
        data.put("title", "Summarise supplier contracts " + UUID.randomUUID());
        data.put("lead", "lena-" + department);
        data.put("scope", "Procurement, contracts under 50k EUR");
        data.put("tool", tool);
        data.put("startDate", "2026-03-02");
        data.put("plannedEndDate", "2026-05-29");
        data.put("successCriteria", List.of("Renewal dates found in under 5 minutes"));
        data.put("businessUnitFunding", Map.of("committedBy", "fiona", "amount", 20000, "currency", "EUR"));
        data.put("startedBy", "fiona");
        data.put("dataClassification", dataClassification);
        return data;
    }

    public static Sent experiment(UUID experimentId, long version, String eventType, Map<String, Object> data) {
        return send(TestInfrastructure.EXPERIMENT_TOPIC, "experiment", experimentId, version, eventType, data, UUID.randomUUID());
    }

    public static Map<String, Object> concluded(UUID experimentId, String department, String recommendation) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("experimentId", experimentId.toString());
        data.put("ideaId", UUID.randomUUID().toString());
        data.put("department", department);
        data.put("title", "Summarise supplier contracts");
        data.put("tool", "ChatGPT Enterprise");
        data.put("outcome", "SUCCEEDED");
        data.put("recommendation", recommendation);
        data.put("summary", "Renewal dates in minutes");
        data.put("concludedBy", "lena");
        return data;
    }

    public static Sent submitted(UUID ideaId, String department, String tool, String dataClassification) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ideaId", ideaId.toString());
        data.put("submitter", "alice");
        data.put("title", "Draft customer letters " + UUID.randomUUID());
        data.put("problem", "Letters take an hour each");
        data.put("aiTool", tool);
        data.put("dataClassification", dataClassification);
        data.put("benefitCategory", "EFFICIENCY");
        data.put("department", department);
        return send(TestInfrastructure.IDEA_TOPIC, "idea", ideaId, 1, "idea.submitted", data, UUID.randomUUID());
    }

    /** The submitter revised the idea (stream version {@code version}); idea.revised carries no department. */
    public static Sent revised(UUID ideaId, long version, String tool, String dataClassification) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("ideaId", ideaId.toString());
        data.put("title", "Draft customer letters, revised " + UUID.randomUUID());
        data.put("problem", "Letters take an hour each");
        data.put("aiTool", tool);
        data.put("dataClassification", dataClassification);
        data.put("benefitCategory", "EFFICIENCY");
        return send(TestInfrastructure.IDEA_TOPIC, "idea", ideaId, version, "idea.revised", data, UUID.randomUUID());
    }

    public static Sent send(String topic, String streamType, UUID aggregateId, long version, String eventType, Map<String, Object> data,
                            UUID eventId) {
        Instant time = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        try {
            RecordedEvent<String> event = new RecordedEvent<>(eventId, streamType, aggregateId.toString(), version, eventType, 1,
                    JSON.writeValueAsString(data), "fiona", "corr-" + eventId, UUID.randomUUID().toString(), time, time, version);
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
