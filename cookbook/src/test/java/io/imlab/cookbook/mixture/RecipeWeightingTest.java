package io.imlab.cookbook.mixture;

import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.spec.TaskSubsetSpec;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The share arithmetic of the newer recipe fields: caps per collection, equal categories, temperature, subsets. */
class RecipeWeightingTest {
    private static final RecipeSpec BASE = new RecipeSpec(1, 1000, Map.of(), 0, 0, 0, 64, 4);

    @Test
    void collectionCapReplacesTheTaskCapForThatCollection() {
        List<Task> tasks = List.of(
                TaskFixtures.taskLevel("f1", "flan", "qa", "d", 800),
                TaskFixtures.taskLevel("f2", "flan", "qa", "d", 100),
                TaskFixtures.taskLevel("s1", "supernatural", "qa", "d", 800));

        MixturePlan plan = MixturePlan.of(tasks, Map.of(), BASE.withSampling(Map.of("flan", 200), false, 1.0));

        // Capped sizes: flan = min(800,200) + min(100,200) = 300, supernatural = min(800,1000) = 800; both left out,
        // so they share the whole task mixture 300 : 800.
        assertThat(plan.collectionShares().get("flan")).isCloseTo(300.0 / 1100, within(1e-12));
        assertThat(plan.collectionShares().get("supernatural")).isCloseTo(800.0 / 1100, within(1e-12));
        assertThat(plan.taskShare("f1")).isCloseTo(200.0 / 1100, within(1e-12));
        assertThat(plan.taskShare("f2")).isCloseTo(100.0 / 1100, within(1e-12));
    }

    @Test
    void equalCategoriesSplitACollectionEvenlyByCategory() {
        List<Task> tasks = List.of(
                TaskFixtures.taskLevel("qa1", "flan", "qa", "d", 900),
                TaskFixtures.taskLevel("qa2", "flan", "qa", "d", 100),
                TaskFixtures.taskLevel("sum1", "flan", "summarization", "d", 10));

        MixturePlan plan = MixturePlan.of(tasks, Map.of(), BASE.withSampling(Map.of(), true, 1.0));

        assertThat(plan.categoryShares().get("qa")).isCloseTo(0.5, within(1e-12));
        assertThat(plan.categoryShares().get("summarization")).isCloseTo(0.5, within(1e-12));
        assertThat(plan.taskShare("qa1")).isCloseTo(0.45, within(1e-12));
        assertThat(plan.taskShare("qa2")).isCloseTo(0.05, within(1e-12));
        assertThat(plan.taskShare("sum1")).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void temperatureFlattensTaskWeights() {
        List<Task> tasks = List.of(
                TaskFixtures.taskLevel("big", "flan", "qa", "d", 900),
                TaskFixtures.taskLevel("small", "flan", "qa", "d", 100));

        MixturePlan plain = MixturePlan.of(tasks, Map.of(), BASE);
        MixturePlan warm = MixturePlan.of(tasks, Map.of(), BASE.withSampling(Map.of(), false, 2.0));

        assertThat(plain.taskShare("big")).isCloseTo(0.9, within(1e-12));
        // size^(1/2): 30 and 10.
        assertThat(warm.taskShare("big")).isCloseTo(0.75, within(1e-12));
        assertThat(warm.taskShare("small")).isCloseTo(0.25, within(1e-12));
    }

    @Test
    void requestedCategorySharesAddUpWithTheTaskMixture() {
        List<Task> tasks = List.of(
                TaskFixtures.taskLevel("a", "flan", "qa", "d", 50),
                TaskFixtures.taskLevel("b", "supernatural", "summarization", "d", 150));
        RecipeSpec recipe = new RecipeSpec(1, 1000, Map.of("flan", 0.6), 0, 0, 0.1, 64, 4);

        MixturePlan plan = MixturePlan.of(tasks, Map.of(io.imlab.cookbook.task.PoolKind.PLAIN_TEXT,
                List.of(new io.imlab.cookbook.task.TextExample("", "text"))), recipe);

        assertThat(plan.categoryShares().get("qa")).isCloseTo(0.9 * 0.6, within(1e-12));
        assertThat(plan.categoryShares().get("summarization")).isCloseTo(0.9 * 0.4, within(1e-12));
    }

    @Test
    void aSubsetLargerThanTheTasksAvailableIsReportedWithItsPath() {
        List<Task> tasks = List.of(TaskFixtures.taskLevel("a", "flan", "qa", "d", 5));
        RecipeSpec recipe = BASE.withSubset(new TaskSubsetSpec(1, 16, 0, List.of(), List.of()));

        assertThatThrownBy(() -> MixturePlan.of(tasks, Map.of(), recipe))
                .isInstanceOf(MixtureRecipeException.class)
                .hasMessageContaining("recipe.subset.tasks: 16 tasks requested but only 1 training tasks are available");
    }

    @Test
    void aShareForACollectionOutsideTheSubsetIsReported() {
        List<Task> tasks = List.of(
                TaskFixtures.taskLevel("a", "flan", "qa", "d", 5),
                TaskFixtures.taskLevel("b", "t5", "qa", "d", 5));
        RecipeSpec recipe = new RecipeSpec(1, 1000, Map.of("t5", 0.5), 0, 0, 0, 64, 4)
                .withSubset(new TaskSubsetSpec(1, 0, 0, List.of(), List.of("a")));

        assertThatThrownBy(() -> MixturePlan.of(tasks, Map.of(), recipe))
                .isInstanceOf(MixtureRecipeException.class)
                .hasMessageContaining("recipe.collectionShares.t5: 0.5 requested but no training task in the recipe's subset");
    }
}
