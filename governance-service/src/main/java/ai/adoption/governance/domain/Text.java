package ai.adoption.governance.domain;

import ai.adoption.eventsourcing.core.RuleViolation;

/** Small checks on the text fields of governance commands. */
final class Text {

    private Text() {
    }

    static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation(field, field + " is required");
        }
        return value.strip();
    }

    static String optional(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new RuleViolation(field, field + " is required");
        }
        return value;
    }
}
