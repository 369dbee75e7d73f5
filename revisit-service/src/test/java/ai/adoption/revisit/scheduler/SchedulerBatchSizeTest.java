package ai.adoption.revisit.scheduler;

import ai.adoption.revisit.application.scheduler.SchedulerLifecycle;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** revisit.scheduler.batch-size is checked when the scheduler is built at start: 1..10,000, with a message that says so. */
class SchedulerBatchSizeTest {

    @Test
    void batchSizesOutside1To10000FailStartWithAClearMessage() {
        for (int wrong : new int[]{0, -5, 10_001, Integer.MAX_VALUE}) {
            assertThatThrownBy(() -> SchedulerLifecycle.checkBatchSize(wrong))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("revisit.scheduler.batch-size must be between 1 and 10000 (revisit.due events per claim "
                            + "transaction), got " + wrong);
        }
        assertThat(SchedulerLifecycle.checkBatchSize(1)).isEqualTo(1);
        assertThat(SchedulerLifecycle.checkBatchSize(10_000)).isEqualTo(10_000);
    }
}
