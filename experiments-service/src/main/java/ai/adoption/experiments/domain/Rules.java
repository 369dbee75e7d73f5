package ai.adoption.experiments.domain;

import ai.adoption.eventsourcing.core.RuleViolation;

import java.math.BigDecimal;
import java.time.Period;

/** Small guards shared by the deciders. */
final class Rules {

    /** The longest revisit interval a case may set for itself. */
    static final Period MAX_REVISIT = Period.ofYears(2);

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

    static void revisitInterval(String field, Period period) {
        if (period == null) {
            return;
        }
        long days = period.toTotalMonths() * 30 + period.getDays();
        if (period.isNegative() || period.isZero() || days <= 0) {
            throw new RuleViolation(field, field + " must be a positive period such as P3M");
        }
        if (days > MAX_REVISIT.toTotalMonths() * 30) {
            throw new RuleViolation(field, field + " must be at most " + MAX_REVISIT);
        }
    }
}
