package ai.adoption.contracts;

import java.util.Objects;

/**
 * One published event type and schema version: its CloudEvents {@code type}
 * ({@code ai.adoption.<event name>.v<version>}), the topic it is published on, what the record key
 * is, and the record its {@code data} reads into.
 *
 * @param type    the {@code ce_type}, e.g. {@code ai.adoption.idea.submitted.v1}
 * @param topic   the Kafka topic, e.g. {@code experiments.idea}
 * @param key     what the record key (and {@code ce_subject}) holds, e.g. "idea id (UUID)"
 * @param payload the record the JSON {@code data} binds to
 */
public record EventContract<T extends Record>(String type, String topic, String key, Class<T> payload) {

    public EventContract {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(payload, "payload");
    }

    /** The event name without prefix and version, as the event store names it: {@code idea.submitted}. */
    public String name() {
        return type.substring(EventCatalogue.TYPE_PREFIX.length(), type.lastIndexOf(".v"));
    }

    /** The schema version, from the type's {@code .v<n>} suffix. */
    public int schemaVersion() {
        return Integer.parseInt(type.substring(type.lastIndexOf(".v") + 2));
    }
}
