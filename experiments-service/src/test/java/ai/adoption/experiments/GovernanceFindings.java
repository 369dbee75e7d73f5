package ai.adoption.experiments;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.testinfra.KafkaResource;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * governance-service's side of governance.finding for tests: finding events as its relay would
 * publish them (CloudEvents binary mode, key the finding id) to this run's copy of the topic.
 */
public final class GovernanceFindings {

    public static final String SOURCE = "urn:ai-adoption:governance-service";

    private GovernanceFindings() {
    }

    /** A finding.raised payload without allowedDataClasses, as governance sends it when the tool is not approved at all. */
    public static String raisedData(UUID findingId, String ideaId, String kind) {
        return "{\"findingId\":\"" + findingId + "\",\"ideaId\":\"" + ideaId + "\",\"department\":\"finance\","
                + "\"tool\":\"ChatGPT Free\",\"dataClassification\":\"CONFIDENTIAL\",\"kind\":\"" + kind + "\","
                + "\"message\":\"ChatGPT Free is not on the approved-tools list\"}";
    }

    /** A stored governance event of the finding's stream ({@code type} without the prefix and version, e.g. finding.raised). */
    public static RecordedEvent<String> event(UUID findingId, long version, String type, String data) {
        Instant now = Instant.now();
        UUID eventId = UUID.randomUUID();
        return new RecordedEvent<>(eventId, "finding", findingId.toString(), version, type, 1, data, "system:governance",
                "corr-" + eventId, UUID.randomUUID().toString(), now, now, version);
    }

    /** Publishes the events in this order, each acknowledged before the next. */
    @SafeVarargs
    public static void send(RecordedEvent<String>... events) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            for (RecordedEvent<String> event : events) {
                producer.send(CloudEvents.toRecord(TestInfrastructure.GOVERNANCE_FINDING_TOPIC, SOURCE, event))
                        .get(30, TimeUnit.SECONDS);
            }
        }
    }
}
