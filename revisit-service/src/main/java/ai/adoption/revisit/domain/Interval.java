package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.RuleViolation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * A revisit interval: an ISO-8601 period ({@code P3M}, {@code P1W}, {@code P1Y2M}) or duration
 * ({@code PT30S}, {@code PT12H}), bounded {@code PT1S}..{@code P5Y}. Periods are added in UTC calendar
 * terms (one month after 31 January is 28/29 February), durations as exact seconds. Kept as its
 * original text, which is what events carry.
 */
public final class Interval {

    public static final Duration MIN = Duration.ofSeconds(1);
    public static final Period MAX = Period.ofYears(5);

    private final String text;
    private final Period period;
    private final Duration duration;

    private Interval(String text, Period period, Duration duration) {
        this.text = text;
        this.period = period;
        this.duration = duration;
    }

    /** Parses and bounds-checks an interval; {@code null} stays {@code null}. Throws {@link RuleViolation} naming {@code field}. */
    public static Interval of(String field, String text) {
        if (text == null) {
            return null;
        }
        Interval parsed = parseOrNull(text);
        if (parsed == null) {
            throw new RuleViolation(field, field + " must be an ISO-8601 period or duration such as P3M, P1W or PT30S");
        }
        if (!parsed.withinBounds()) {
            throw new RuleViolation(field, field + " must be between PT1S and P5Y");
        }
        return parsed;
    }

    /** The interval if {@code text} is a well-formed ISO-8601 period or duration (bounds not checked), else null. */
    public static Interval parseOrNull(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip().toUpperCase(java.util.Locale.ROOT);
        if (t.length() < 3 || t.length() > 40 || !t.startsWith("P")) {
            return null;
        }
        try {
            if (t.contains("T")) {
                return new Interval(t, null, Duration.parse(t));
            }
            return new Interval(t, Period.parse(t), null);
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** Whether the text is a well-formed interval within PT1S..P5Y. */
    public static boolean isValid(String text) {
        Interval parsed = parseOrNull(text);
        return parsed != null && parsed.withinBounds();
    }

    private static final Instant REFERENCE = LocalDateTime.of(2000, 1, 1, 0, 0).toInstant(ZoneOffset.UTC);

    private boolean withinBounds() {
        if (duration != null) {
            return !duration.isNegative() && duration.compareTo(MIN) >= 0
                    && !REFERENCE.plus(duration).isAfter(addPeriod(REFERENCE, MAX));
        }
        if (period.isNegative() || period.getYears() < 0 || period.getMonths() < 0 || period.getDays() < 0) {
            return false;
        }
        Instant end = addPeriod(REFERENCE, period);
        return end.isAfter(REFERENCE) && !end.isAfter(addPeriod(REFERENCE, MAX));
    }

    private static Instant addPeriod(Instant from, Period p) {
        return from.atOffset(ZoneOffset.UTC).plus(p).toInstant();
    }

    /** {@code from} plus this interval. */
    public Instant addTo(Instant from) {
        return duration != null ? from.plus(duration) : addPeriod(from, period);
    }

    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Interval other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return Objects.hash(text);
    }
}
