package io.imlab.trainer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LearningRateScheduleTest {
    @Test
    void warmsUpLinearlyThenDecaysLinearlyTowardsZero() {
        LearningRateSchedule schedule = new LearningRateSchedule(1e-3, 4, 12);
        assertThat(schedule.at(0)).isCloseTo(0.25e-3, within(1e-12));
        assertThat(schedule.at(3)).isCloseTo(1e-3, within(1e-12));
        assertThat(schedule.at(4)).isCloseTo(1e-3, within(1e-12));
        assertThat(schedule.at(8)).isCloseTo(0.5e-3, within(1e-12));
        assertThat(schedule.at(11)).isCloseTo(0.125e-3, within(1e-12));
        for (int step = 4; step < 11; step++) {
            assertThat(schedule.at(step + 1)).isLessThan(schedule.at(step));
        }
    }

    @Test
    void noWarmupStartsAtThePeak() {
        assertThat(new LearningRateSchedule(2e-3, 0, 10).at(0)).isEqualTo(2e-3);
    }

    @Test
    void warmupMustEndBeforeTheRun() {
        assertThatThrownBy(() -> new LearningRateSchedule(1e-3, 10, 10)).hasMessageContaining("training.warmupSteps");
    }
}
