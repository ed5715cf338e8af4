package io.imlab.cookbook.eval;

import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChanceBaselineTest {

    private static Task task(String name, String category, MetricKind metric, List<Instance> instances) {
        return new Task(name, "flan", category, name, InstructionStyle.KEYWORD, "do it", null, null, null, metric,
                instances, null);
    }

    @Test
    void uniformGuessingOverCandidatesAggregatesByCategoryThenLevel() {
        Task binary = task("binary", "A", MetricKind.ACCURACY, List.of(
                new Instance("1", "x", List.of("yes"), List.of("yes", "no")),
                new Instance("2", "y", List.of("no"), List.of("yes", "no"))));
        Task ternary = task("ternary", "A", MetricKind.ACCURACY, List.of(
                new Instance("1", "x", List.of("a"), List.of("a", "b", "c"))));
        Task generation = task("gen", "B", MetricKind.ROUGE_L, List.of(new Instance("1", "x", List.of("abc"), List.of())));

        assertThat(ChanceBaseline.taskChance(binary, 10)).isEqualTo(0.5);
        assertThat(ChanceBaseline.taskChance(generation, 10)).isZero();
        // Category A = mean(1/2, 1/3) = 5/12; category B = 0; level = mean(5/12, 0) = 5/24.
        assertThat(ChanceBaseline.levelChance(List.of(binary, ternary, generation), 10)).isCloseTo(5.0 / 24, within(1e-12));
    }

    @Test
    void onlyTheEvaluatedInstancesCount() {
        Task mixed = task("mixed", "A", MetricKind.ACCURACY, List.of(
                new Instance("1", "x", List.of("a"), List.of("a", "b")),
                new Instance("2", "x", List.of("a"), List.of("a", "b", "c", "d"))));
        assertThat(ChanceBaseline.taskChance(mixed, 1)).isEqualTo(0.5);
        assertThat(ChanceBaseline.taskChance(mixed, 2)).isEqualTo(0.375);
    }
}
