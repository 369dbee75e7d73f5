package ai.adoption.eventsourcing.cloudevents;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.UUID;

/**
 * Reading the fields of a consumed event's JSON data. A missing required field or a field of the
 * wrong JSON type is an {@link IllegalArgumentException}: the record is poison and goes to the
 * channel's dead-letter topic.
 */
public final class EventData {

    private EventData() {
    }

    /** A string field; null, absent or blank is "missing". */
    public static String text(JsonNode data, String field, boolean required) {
        JsonNode node = data.get(field);
        if (node == null || node.isNull() || (node.isTextual() && node.asText().isBlank())) {
            if (required) {
                throw new IllegalArgumentException("missing " + field);
            }
            return null;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException(field + " is not a string");
        }
        return node.asText();
    }

    public static UUID uuid(JsonNode data, String field, boolean required) {
        String value = text(data, field, required);
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + " is not a UUID: " + value, e);
        }
    }
}
