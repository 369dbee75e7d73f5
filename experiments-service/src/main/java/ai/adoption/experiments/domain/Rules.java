package ai.adoption.experiments.domain;

import ai.adoption.eventsourcing.core.RuleViolation;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;

/** Small guards shared by the deciders. */
final class Rules {

    /** The longest revisit interval a case may set for itself (the revisit service's bound, too). */
    static final Period MAX_REVISIT = Period.ofYears(5);
    /** The shortest: one second (for trying the loop out). */
    static final Duration MIN_REVISIT = Duration.ofSeconds(1);
    private static final LocalDateTime REFERENCE = LocalDateTime.of(2000, 1, 1, 0, 0);

    private Rules() {
    }

    static String text(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw new RuleViolation(field, field + " must not be blank");
        }
        if (value.length() > max) {
            throw new RuleViolation(field, field + " must be at most " + max + " characters");
        }
        return value.strip();
    }

    /** Text that may be absent: null when null or blank, stripped otherwise, at most {@code max} characters. */
    static String optionalText(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw new RuleViolation(field, field + " must be at most " + max + " characters");
        }
        return value.strip();
    }

    static <T> T required(String field, T value) {
        if (value == null) {
            throw new RuleViolation(field, field + " is required");
        }
        return value;
    }

    static void notNegative(String field, BigDecimal amount) {
        if (amount != null && amount.signum() < 0) {
            throw new RuleViolation(field, field + " must not be negative");
        }
    }

    /**
     * A revisit interval: an ISO-8601 period ({@code P3M}, {@code P1W}) or duration ({@code PT30S}),
     * between PT1S and P5Y. Returns it normalised (upper case, trimmed), or null when none was given.
     */
    static String revisitInterval(String field, String value) {
        if (value == null) {
            return null;
        }
        String text = value.strip().toUpperCase(java.util.Locale.ROOT);
        LocalDateTime end;
        try {
            if (text.length() > 40 || !text.startsWith("P")) {
                throw new DateTimeParseException("not an ISO-8601 period or duration", text, 0);
            }
            end = text.contains("T") ? REFERENCE.plus(Duration.parse(text)) : REFERENCE.plus(Period.parse(text));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new RuleViolation(field, field + " must be an ISO-8601 period or duration such as P3M, P1W or PT30S");
        }
        if (end.isBefore(REFERENCE.plus(MIN_REVISIT)) || end.isAfter(REFERENCE.plus(MAX_REVISIT))) {
            throw new RuleViolation(field, field + " must be between PT1S and P5Y");
        }
        return text;
    }
}
