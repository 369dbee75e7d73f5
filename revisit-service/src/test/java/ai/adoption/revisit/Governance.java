package ai.adoption.revisit;

import ai.adoption.eventsourcing.cloudevents.CloudEvents;
import ai.adoption.eventsourcing.store.RecordedEvent;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * governance-service as the revisit service sees it: its tool events with the payload of the wire
 * contract (docs/events.md), as CloudEvent records in binary mode on this run's copy of its
 * {@code governance.tool} topic, keyed by the tool id.
 */
public final class Governance {

    public static final String SOURCE = "urn:ai-adoption:governance-service";
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Governance() {
    }

    public static Map<String, Object> approval(UUID toolId, String tool, String approvedBy, String validFrom, String validUntil) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("toolId", toolId.toString());
        data.put("tool", tool);
        data.put("vendor", "OpenAI");
        data.put("allowedDataClasses", List.of("PUBLIC", "INTERNAL", "CONFIDENTIAL"));
        data.put("approvedBy", approvedBy);
        data.put("validFrom", validFrom);
        data.put("validUntil", validUntil);
        data.put("note", "EU tenant");
        return data;
    }

    /** Sends one event of the tool's stream ({@code eventType} without prefix and version, e.g. {@code tool.approved}). */
    public static Experiments.Sent send(UUID toolId, long version, String eventType, Map<String, Object> data, UUID eventId) {
        Instant time = Instant.now().truncatedTo(ChronoUnit.MICROS);
        try {
            RecordedEvent<String> event = new RecordedEvent<>(eventId, "tool", toolId.toString(), version, eventType, 1,
                    JSON.writeValueAsString(data), "admin-ada", "corr-" + eventId, UUID.randomUUID().toString(), time, time, version);
            Experiments.sendRecord(CloudEvents.toRecord(TestInfrastructure.TOOL_TOPIC, SOURCE, event));
            return new Experiments.Sent(eventId, toolId, time);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
