package ai.adoption.experiments;

import ai.adoption.contracts.GovernanceEvents;
import ai.adoption.contracts.Vocabulary.DataClassification;
import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;
import ai.adoption.testinfra.KafkaResource;
import ai.adoption.testinfra.contracts.ContractEvents;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * governance-service's side of governance.tool for tests: tool.approved and tool.approval-revoked as its relay would
 * publish them (CloudEvents binary mode, key the tool id) to this run's copy of the topic.
 */
public final class GovernanceTools {

    private GovernanceTools() {
    }

    public static UUID toolId(String tool) {
        return UUID.nameUUIDFromBytes(("approved-tool:" + tool.strip().toLowerCase()).getBytes(StandardCharsets.UTF_8));
    }

    public static void approve(String tool, LocalDate validFrom, LocalDate validUntil, DataClassification... allowed) throws Exception {
        send(tool, "tool.approved", ContractEvents.json(new GovernanceEvents.ToolApprovedV1(toolId(tool), tool, "Vendor",
                List.of(allowed), "gina", validFrom, validUntil, "test approval")));
    }

    public static void revoke(String tool, LocalDate revokedOn) throws Exception {
        send(tool, "tool.approval-revoked", ContractEvents.json(new GovernanceEvents.ToolApprovalRevokedV1(toolId(tool), tool, revokedOn,
                "The vendor moved processing outside the EU")));
    }

    private static void send(String tool, String type, String data) throws Exception {
        Instant now = Instant.now();
        UUID eventId = UUID.randomUUID();
        RecordedEvent<String> event = new RecordedEvent<>(eventId, "tool", toolId(tool).toString(), 1, type, 1, data, "gina",
                "corr-" + eventId, UUID.randomUUID().toString(), now, now, 1);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(CloudEvents.toRecord(TestInfrastructure.GOVERNANCE_TOOL_TOPIC, GovernanceFindings.SOURCE, event))
                    .get(30, TimeUnit.SECONDS);
        }
    }
}
