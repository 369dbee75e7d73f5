package ai.adoption.revisit;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;

import ai.adoption.testinfra.contracts.ContractEvents;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

/**
 * governance-service as the revisit service sees it: its tool events with payloads built on the
 * contract records ({@link ContractEvents}), as CloudEvent records in binary mode on this run's copy of its
 * {@code governance.tool} topic, keyed by the tool id.
 */
public final class Governance {

    public static final String SOURCE = "urn:ai-adoption:governance-service";

    private Governance() {
    }

    public static Map<String, Object> approval(UUID toolId, String tool, String approvedBy, String validFrom, String validUntil) {
        return ContractEvents.data(ContractEvents.toolApproved(toolId, tool, approvedBy, validFrom, validUntil));
    }

    /** Sends one event of the tool's stream ({@code eventType} without prefix and version, e.g. {@code tool.approved}). */
    public static Experiments.Sent send(UUID toolId, long version, String eventType, Map<String, Object> data, UUID eventId) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            RecordedEvent<String> event = new RecordedEvent<>(eventId, "tool", toolId.toString(), version, eventType, 1,
                    ContractEvents.json(data), "admin-ada", "corr-" + eventId, UUID.randomUUID().toString(), time, time, version);
            Experiments.sendRecord(CloudEvents.toRecord(TestInfrastructure.TOOL_TOPIC, SOURCE, event));
            return new Experiments.Sent(eventId, toolId, time);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
