package ai.adoption.experiments;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.contracts.ContractEvents;

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

    /**
     * A finding.raised payload as governance sends it when the tool is not approved at all (no allowed data
     * classes), with {@code kind} as given, even one governance would never send.
     */
    public static String raisedData(UUID findingId, String ideaId, String kind) {
        Map<String, Object> data = ContractEvents.data(ContractEvents.findingRaised(findingId, UUID.fromString(ideaId),
                "TOOL_NOT_APPROVED"));
        data.put("kind", kind);
        return ContractEvents.json(data);
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
