package ai.adoption.eventsourcing.relay;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The relay lingers after a wake-up only while it is busy: an idle or lightly loaded relay reads at once. */
class RelayWakeUpsLingerTest {

    private static final Duration MAX = Duration.ofMillis(3);

    @Test
    void noLingerWhenTheLastReadFoundNothingOrLittle() {
        assertThat(RelayWakeUps.linger(MAX, 0)).isZero();
        assertThat(RelayWakeUps.linger(MAX, 1)).isZero();
        assertThat(RelayWakeUps.linger(MAX, RelayWakeUps.BUSY_READ - 1)).isZero();
    }

    @Test
    void theFullLingerWhileReadsComeBackBusy() {
        assertThat(RelayWakeUps.linger(MAX, RelayWakeUps.BUSY_READ)).isEqualTo(MAX);
        assertThat(RelayWakeUps.linger(MAX, 500)).isEqualTo(MAX);
        assertThat(RelayWakeUps.linger(Duration.ZERO, 500)).isZero();
    }
}
