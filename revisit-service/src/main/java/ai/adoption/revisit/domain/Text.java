package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.RuleViolation;

/** Small guards for text fields. */
final class Text {

    private Text() {
    }

    static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation(field, field + " must not be blank");
        }
        return optional(field, value, max);
    }

    static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw new RuleViolation(field, field + " must be at most " + max + " characters");
        }
        return value.strip();
    }
}
