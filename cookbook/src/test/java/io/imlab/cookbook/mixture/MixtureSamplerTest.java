package io.imlab.cookbook.mixture;

import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MixtureSamplerTest {
    private static final List<Task> TASKS = List.of(
            TaskFixtures.taskLevel("sni-1", "supernatural", "qa", "Answer.", 300),
            TaskFixtures.taskLevel("sni-2", "supernatural", "summarization", "Summarize.", 5000),
            TaskFixtures.instanceLevel("ps-1", "promptsource", "qa", List.of("Q: {input}", "{input}\nA:"), 800),
            TaskFixtures.instanceLevel("flan-1", "flan", "nli", List.of("Premise: {input}"), 200),
            TaskFixtures.keyword("cf-1", "crossfit", "detection", "Is it toxic?", 150),
            TaskFixtures.keyword("t5-1", "t5", "translation", "Translate.", 2000));

    private static final Map<PoolKind, List<TextExample>> POOLS = Map.of(
            PoolKind.COT, List.of(new TextExample("What is 2+2?", "2+2 is 4. So the answer is 4."),
                    new TextExample("Is ice cold?", "Ice is frozen water. So yes.")),
            PoolKind.DIALOGUE, List.of(new TextExample("", "Hi! How are you?")),
            PoolKind.PLAIN_TEXT, List.of(new TextExample("", "Some plain text."), new TextExample("", "More text.")));

    private static final RecipeSpec RECIPE = new RecipeSpec(17, 1000,
            Map.of("supernatural", 0.25, "promptsource", 0.45, "flan", 0.20), 0.04, 0.01, 0.05, 256, 10);

    @Test
    void realizedSharesAreWithinTwoPointsOfRequestedOverTenThousandSamples() {
        MixtureSampler sampler = new MixtureSampler(TASKS, POOLS, RECIPE);
        MixtureStatsRecorder recorder = new MixtureStatsRecorder(sampler.plan());
        for (int i = 0; i < 10_000; i++) {
            recorder.record(sampler.next());
        }
        MixtureStats stats = recorder.stats(null);

        assertThat(stats.examples()).isEqualTo(10_000);
        assertThat(stats.byKind()).containsOnlyKeys("task", "cot", "dialogue", "plain_text");
        assertThat(stats.byKind().get("task").requested()).isCloseTo(0.90, within(1e-12));
        // crossfit and t5 are left out: they share 0.10 of the task mixture by capped size 150 : 1000.
        assertThat(stats.byCollection().get("crossfit").requested()).isCloseTo(0.9 * 0.1 * 150 / 1150, within(1e-12));
        stats.byKind().forEach((kind, share) ->
                assertThat(share.realized()).as(kind).isCloseTo(share.requested(), within(0.02)));
        stats.byCollection().forEach((collection, share) ->
                assertThat(share.realized()).as(collection).isCloseTo(share.requested(), within(0.02)));
        assertThat(stats.examplesByCategory()).containsOnlyKeys("qa", "summarization", "nli", "detection", "translation");
        assertThat(stats.tasksSampled()).isEqualTo(6);
    }

    @Test
    void sameSeedGivesSameStreamAndAnotherSeedAnother() {
        List<MixtureExample> first = draw(new MixtureSampler(TASKS, POOLS, RECIPE), 500);
        List<MixtureExample> again = draw(new MixtureSampler(TASKS, POOLS, RECIPE), 500);
        RecipeSpec otherSeed = new RecipeSpec(18, RECIPE.taskCap(), RECIPE.collectionShares(), RECIPE.cotShare(),
                RECIPE.dialogueShare(), RECIPE.plainTextShare(), RECIPE.sequenceLength(), RECIPE.sequences());
        List<MixtureExample> other = draw(new MixtureSampler(TASKS, POOLS, otherSeed), 500);

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void streamDoesNotDependOnTaskOrder() {
        List<Task> reversed = new ArrayList<>(TASKS);
        java.util.Collections.reverse(reversed);

        assertThat(draw(new MixtureSampler(reversed, POOLS, RECIPE), 300))
                .isEqualTo(draw(new MixtureSampler(TASKS, POOLS, RECIPE), 300));
    }

    @Test
    void eachInstanceIsDrawnOncePerPass() {
        Task only = TaskFixtures.keyword("only", "t5", "translation", "Translate.", 37);
        RecipeSpec recipe = new RecipeSpec(3, 4096, Map.of(), 0, 0, 0, 64, 1);
        MixtureSampler sampler = new MixtureSampler(List.of(only), Map.of(), recipe);

        for (int pass = 0; pass < 3; pass++) {
            Set<String> targets = new HashSet<>();
            for (int i = 0; i < 37; i++) {
                MixtureExample example = sampler.next();
                assertThat(example.kind()).isEqualTo(ExampleKind.TASK);
                assertThat(example.task()).isEqualTo("only");
                targets.add(example.target());
            }
            assertThat(targets).as("pass " + pass).hasSize(37);
        }
    }

    @Test
    void shuffledCycleVisitsEveryIndexOncePerCycleInVaryingOrder() {
        Random random = new Random(5);
        ShuffledCycle cycle = new ShuffledCycle(10, random);
        List<List<Integer>> orders = new ArrayList<>();
        for (int pass = 0; pass < 5; pass++) {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                order.add(cycle.next(random));
            }
            assertThat(order).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            orders.add(order);
        }
        assertThat(new HashSet<>(orders)).hasSizeGreaterThan(1);
    }

    @Test
    void poolExamplesKeepTheirTextAndJoinSourceAndTargetWithASpace() {
        RecipeSpec poolsOnly = new RecipeSpec(1, 4096, Map.of(), 0.5, 0, 0.5, 64, 1);
        MixtureSampler sampler = new MixtureSampler(List.of(), POOLS, poolsOnly);
        for (MixtureExample example : draw(sampler, 50)) {
            assertThat(example.task()).isEmpty();
            if (example.kind() == ExampleKind.PLAIN_TEXT) {
                assertThat(example.source()).isEmpty();
                assertThat(example.target()).isIn("Some plain text.", "More text.");
            } else {
                assertThat(example.kind()).isEqualTo(ExampleKind.COT);
                assertThat(example.target()).isIn(" 2+2 is 4. So the answer is 4.", " Ice is frozen water. So yes.");
            }
        }
    }

    private static List<MixtureExample> draw(MixtureSampler sampler, int count) {
        List<MixtureExample> examples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            examples.add(sampler.next());
        }
        return examples;
    }
}
