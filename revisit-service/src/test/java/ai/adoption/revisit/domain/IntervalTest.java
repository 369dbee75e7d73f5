package ai.adoption.revisit.domain;

import ai.adoption.eventsourcing.core.RuleViolation;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IntervalTest {

    @Test
    void periodsAndDurationsWithinPT1SToP5Y() {
        Instant t = Instant.parse("2026-01-31T10:00:00Z");
        assertThat(Interval.of("i", "P3M").addTo(t)).isEqualTo(Instant.parse("2026-04-30T10:00:00Z"));
        assertThat(Interval.of("i", "P1M").addTo(t)).isEqualTo(Instant.parse("2026-02-28T10:00:00Z"));
        assertThat(Interval.of("i", "P1W").addTo(t)).isEqualTo(Instant.parse("2026-02-07T10:00:00Z"));
        assertThat(Interval.of("i", "PT30S").addTo(t)).isEqualTo(Instant.parse("2026-01-31T10:00:30Z"));
        assertThat(Interval.of("i", "pt1s").text()).isEqualTo("PT1S");
        assertThat(Interval.isValid("P5Y")).isTrue();
        assertThat(Interval.isValid("P5Y1D")).isFalse();
        assertThat(Interval.isValid("PT0.5S")).isFalse();
        assertThat(Interval.isValid("P0D")).isFalse();
        assertThat(Interval.isValid("P-1M")).isFalse();
        assertThat(Interval.isValid("PT-5S")).isFalse();
        assertThat(Interval.isValid("three months")).isFalse();
        assertThat(Interval.of("i", null)).isNull();
        assertThatThrownBy(() -> Interval.of("revisitAfter", "P6Y")).isInstanceOf(RuleViolation.class)
                .extracting(e -> ((RuleViolation) e).field()).isEqualTo("revisitAfter");
    }
}
