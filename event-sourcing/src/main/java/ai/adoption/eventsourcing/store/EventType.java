package ai.adoption.eventsourcing.store;

import java.util.Objects;

/**
 * The stored identity of one event class: a stable dotted name (for example {@code idea.submitted})
 * and the schema version of its JSON payload. Together they form the CloudEvents {@code type}.
 */
public record EventType(String name, int schemaVersion, Class<?> javaType) {

    public static final String CLOUD_EVENT_TYPE_PREFIX = "ai.adoption.";

    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(javaType, "javaType");
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be >= 1");
        }
    }

    /** The versioned CloudEvents type, e.g. {@code ai.adoption.idea.submitted.v1}. */
    public String cloudEventType() {
        return cloudEventType(name, schemaVersion);
    }

    public static String cloudEventType(String name, int schemaVersion) {
        return CLOUD_EVENT_TYPE_PREFIX + name + ".v" + schemaVersion;
    }
}
