package io.imlab.cookbook.eval;

import io.imlab.cookbook.task.MetricKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BootstrapTest {
    private static Bootstrap.TaskSample sample(String name, String category, double[] zero, double[] k) {
        TaskScore task = new TaskScore(name, "c", category, name, name, MetricKind.ACCURACY, zero.length, 0);
        return new Bootstrap.TaskSample(task, Map.of(0, zero, 2, k));
    }

    @Test
    void constantScoresGiveAZeroWidthInterval() {
        double[] ones = {1, 1, 1, 1};
        double[] zeros = {0, 0, 0, 0};
        Bootstrap.Result result = Bootstrap.intervals(List.of(sample("a", "x", ones, zeros)), List.of(0, 2), 200, 1);
        assertThat(result.level().get(0)).isEqualTo(new Interval(1, 1));
        assertThat(result.level().get(2)).isEqualTo(new Interval(0, 0));
        assertThat(result.combined()).isEqualTo(new Interval(0.5, 0.5));
    }

    @Test
    void intervalsContainThePointEstimateAndAreSeeded() {
        double[] zero = new double[40];
        double[] k = new double[40];
        for (int i = 0; i < 40; i++) {
            zero[i] = i % 2;        // mean 0.5
            k[i] = i % 4 == 0 ? 0 : 1; // mean 0.75
        }
        List<Bootstrap.TaskSample> tasks = List.of(sample("a", "x", zero, k), sample("b", "y", k, zero));
        Bootstrap.Result result = Bootstrap.intervals(tasks, List.of(0, 2), 1000, 42);
        Interval level0 = result.level().get(0);
        // level = (0.5 + 0.75) / 2 = 0.625; the standard error of a 40-instance mean of 0/1 at p=0.5 is ~0.08,
        // so the interval is a few tenths wide around the estimate, never degenerate.
        assertThat(level0.low()).isLessThan(0.625).isGreaterThan(0.45);
        assertThat(level0.high()).isGreaterThan(0.625).isLessThan(0.8);
        assertThat(result.combined().low()).isLessThan(0.625);
        assertThat(result.combined().high()).isGreaterThan(0.625);
        assertThat(result.categories().get(0)).containsOnlyKeys("x", "y");
        assertThat(Bootstrap.intervals(tasks, List.of(0, 2), 1000, 42)).isEqualTo(result);
        assertThat(Bootstrap.intervals(tasks, List.of(0, 2), 1000, 43).level().get(0)).isNotEqualTo(level0);
        assertThat(Bootstrap.intervals(tasks, List.of(0, 2), 0, 42)).isEqualTo(Bootstrap.Result.NONE);
    }

    @Test
    void percentilesInterpolateBetweenOrderStatistics() {
        // 101 values 0..100: the 2.5th percentile sits at position 2.5 -> 2.5, the 97.5th at 97.5.
        double[] values = new double[101];
        for (int i = 0; i <= 100; i++) {
            values[100 - i] = i;
        }
        Interval interval = Bootstrap.percentiles(values);
        assertThat(interval.low()).isCloseTo(2.5, within(1e-12));
        assertThat(interval.high()).isCloseTo(97.5, within(1e-12));
    }
}
