package io.imlab.cookbook.mixture;

import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MixturePlanTest {
    private static final Map<PoolKind, List<TextExample>> POOLS = Map.of(
            PoolKind.COT, List.of(new TextExample("q?", "because. so 4")),
            PoolKind.PLAIN_TEXT, List.of(new TextExample("", "plain text")));

    private static RecipeSpec recipe(int cap, Map<String, Double> shares, double cot, double plain) {
        return new RecipeSpec(1, cap, shares, cot, 0, plain, 64, 4);
    }

    @Test
    void leftOutCollectionsShareTheRestByCappedSize() {
        List<Task> tasks = List.of(
                TaskFixtures.taskLevel("a1", "a", "qa", "d", 10),
                TaskFixtures.taskLevel("b1", "b", "qa", "d", 100),
                TaskFixtures.taskLevel("b2", "b", "qa", "d", 5000),
                TaskFixtures.taskLevel("c1", "c", "qa", "d", 400));

        MixturePlan plan = MixturePlan.of(tasks, POOLS, recipe(1000, Map.of("a", 0.5), 0.1, 0));

        // Task mixture: 1 - 0.1 (CoT) = 0.9 of the whole.
        // a is explicit: 0.5 of the task mixture -> 0.9 * 0.5 = 0.45.
        // b and c share the remaining 0.5 by capped size: b = min(100,1000) + min(5000,1000) = 1100,
        // c = 400, so b gets 0.5 * 1100/1500 and c 0.5 * 400/1500 of the task mixture:
        // b = 0.9 * 0.5 * 11/15 = 0.33, c = 0.9 * 0.5 * 4/15 = 0.12.
        assertThat(plan.kindShares().get(ExampleKind.TASK)).isCloseTo(0.9, within(1e-12));
        assertThat(plan.kindShares().get(ExampleKind.COT)).isCloseTo(0.1, within(1e-12));
        assertThat(plan.collectionShares().get("a")).isCloseTo(0.45, within(1e-12));
        assertThat(plan.collectionShares().get("b")).isCloseTo(0.33, within(1e-12));
        assertThat(plan.collectionShares().get("c")).isCloseTo(0.12, within(1e-12));
        // Within b, tasks are weighted by capped size: b1 = 0.33 * 100/1100 = 0.03, b2 = 0.33 * 1000/1100 = 0.3.
        assertThat(plan.taskShare("b1")).isCloseTo(0.03, within(1e-12));
        assertThat(plan.taskShare("b2")).isCloseTo(0.30, within(1e-12));
    }

    @Test
    void taskCapLimitsTheWeightOfLargeTasks() {
        List<Task> tasks = List.of(
                TaskFixtures.taskLevel("big", "a", "qa", "d", 5000),
                TaskFixtures.taskLevel("small", "a", "qa", "d", 100));

        MixturePlan capped = MixturePlan.of(tasks, POOLS, recipe(1000, Map.of(), 0, 0));
        MixturePlan uncapped = MixturePlan.of(tasks, POOLS, recipe(1_000_000, Map.of(), 0, 0));

        assertThat(capped.taskShare("big")).isCloseTo(1000.0 / 1100, within(1e-12));
        assertThat(capped.taskShare("small")).isCloseTo(100.0 / 1100, within(1e-12));
        assertThat(uncapped.taskShare("big")).isCloseTo(5000.0 / 5100, within(1e-12));
    }

    @Test
    void multiTemplateTasksAreNotUpWeighted() {
        List<Task> tasks = List.of(
                TaskFixtures.instanceLevel("three", "a", "qa", List.of("A {input}", "B {input}", "C {input}"), 50),
                TaskFixtures.instanceLevel("one", "a", "qa", List.of("A {input}"), 50));

        MixturePlan plan = MixturePlan.of(tasks, POOLS, recipe(4096, Map.of(), 0, 0));

        assertThat(plan.taskShare("three")).isEqualTo(plan.taskShare("one")).isEqualTo(0.5);
    }

    @Test
    void explicitSharesBelowOneAreRescaledWhenNothingIsLeftOut() {
        List<Task> tasks = List.of(TaskFixtures.taskLevel("a1", "a", "qa", "d", 10),
                TaskFixtures.taskLevel("b1", "b", "qa", "d", 10));

        MixturePlan plan = MixturePlan.of(tasks, POOLS, recipe(4096, Map.of("a", 0.2, "b", 0.6), 0, 0.05));

        assertThat(plan.collectionShares().get("a")).isCloseTo(0.95 * 0.25, within(1e-12));
        assertThat(plan.collectionShares().get("b")).isCloseTo(0.95 * 0.75, within(1e-12));
    }

    @Test
    void reportsEveryProblemWithItsFieldPath() {
        List<Task> tasks = List.of(TaskFixtures.taskLevel("a1", "a", "qa", "d", 10));
        RecipeSpec bad = new RecipeSpec(1, 0, Map.of("missing", 0.3, "a", 0.9), 0.02, 0.01, 0, 64, 4);

        assertThatThrownBy(() -> MixturePlan.of(tasks, POOLS, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("recipe.taskCap: must be ≥ 1")
                .hasMessageContaining("recipe.dialogueShare: 0.01 requested but there are no DIALOGUE examples")
                .hasMessageContaining("recipe.collectionShares.missing: 0.3 requested but no training task")
                .hasMessageContaining("recipe.collectionShares: must sum to ≤ 1");
    }
}
