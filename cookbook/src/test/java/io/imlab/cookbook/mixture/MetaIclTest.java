package io.imlab.cookbook.mixture;

import io.imlab.cookbook.spec.MetaIclSpec;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** MetaICL demonstrations in training prompts (OPT-IML §4.2, Table 8). */
class MetaIclTest {
    private final PromptFormatter formatter = new PromptFormatter();

    @Test
    void zipfShotsReproduceThePapersZeroShotFractions() {
        // "a = 4 gives 92.5% zero-shot examples; a = 2 gives 67.1%", with K = 5.
        assertThat(new ZipfShots(5, 4).probability(0)).isCloseTo(0.925, within(0.0005));
        assertThat(new ZipfShots(5, 2).probability(0)).isCloseTo(0.671, within(0.0005));
        ZipfShots shots = new ZipfShots(5, 2);
        double total = 0;
        for (int k = 0; k <= 5; k++) {
            total += shots.probability(k);
        }
        assertThat(total).isCloseTo(1, within(1e-12));
        assertThat(shots.probability(6)).isZero();

        Random random = new Random(3);
        int zero = 0;
        int draws = 100_000;
        for (int i = 0; i < draws; i++) {
            int k = shots.draw(random);
            assertThat(k).isBetween(0, 5);
            zero += k == 0 ? 1 : 0;
        }
        assertThat(zero / (double) draws).isCloseTo(0.671, within(0.01));
    }

    @Test
    void demonstrationsAreSeparatedByThreeNewlinesAfterTheDefinition() {
        Task task = TaskFixtures.taskLevel("t", "supernatural", "qa", "Answer it.", 3);
        List<Instance> instances = task.instances();

        FormattedExample example = formatter.formatMetaIcl(task, instances.get(0), List.of(instances.get(1), instances.get(2)),
                false, new Random(1));

        String delimiter = delimiterOf(example.source());
        assertThat(example.source()).isEqualTo("Definition: Answer it.\n\n"
                + "Input: in-t-1" + delimiter + " out-t-1\n\n\n"
                + "Input: in-t-2" + delimiter + " out-t-2\n\n\n"
                + "Input: in-t-0" + delimiter);
        assertThat(example.target()).isEqualTo(" out-t-0");
    }

    @Test
    void suffixLossStartsAtTheFirstDemonstrationsLabel() {
        Task task = TaskFixtures.keyword("k", "t5", "qa", "Is it?", 3);
        List<Instance> instances = task.instances();

        FormattedExample example = formatter.formatMetaIcl(task, instances.get(0), List.of(instances.get(1), instances.get(2)),
                true, new Random(1));

        String delimiter = delimiterOf(example.source());
        assertThat(example.source()).isEqualTo("Is it?\nin-k-1" + delimiter);
        assertThat(example.target()).isEqualTo(" out-k-1\n\n\nIs it?\nin-k-2" + delimiter + " out-k-2\n\n\nIs it?\nin-k-0"
                + delimiter + " out-k-0");

        // The packer puts loss on the whole target: from the first label to the end-of-document.
        TokenizedExample tokens = new Packer(new ByteTokenizer(), 512, s -> { }).tokenize(example.source(), example.target());
        int sourceLength = example.source().length();
        for (int i = 0; i < tokens.length(); i++) {
            assertThat(tokens.lossMask()[i]).as("position " + i).isEqualTo((byte) (i >= sourceLength ? 1 : 0));
        }
    }

    @Test
    void withoutDemonstrationsTheMetaIclPromptIsTheZeroShotPrompt() {
        Task task = TaskFixtures.instanceLevel("p", "promptsource", "qa", List.of("A {input}", "B {input}"), 2);
        FormattedExample zeroShot = formatter.format(task, task.instances().get(0), new Random(9));
        FormattedExample metaIcl = formatter.formatMetaIcl(task, task.instances().get(0), List.of(), true, new Random(9));
        assertThat(metaIcl).isEqualTo(zeroShot);
    }

    @Test
    void samplerDrawsDemonstrationsFromOtherInstancesOfTheTask() {
        Task task = TaskFixtures.taskLevel("t", "supernatural", "qa", "Do it.", 20);
        RecipeSpec recipe = new RecipeSpec(4, 4096, Map.of(), 0, 0, 0, 256, 10)
                .withMetaIcl(new MetaIclSpec(5, 1.0, false));
        MixtureSampler sampler = new MixtureSampler(List.of(task), Map.of(), recipe);

        int withShots = 0;
        for (int i = 0; i < 500; i++) {
            MixtureExample example = sampler.next();
            assertThat(example.shots()).isBetween(0, 5);
            assertThat(example.source().split("\n\n\n", -1)).hasSize(example.shots() + 1);
            String own = example.target().substring(1).replace("out-", "in-");
            assertThat(example.source()).endsWith("Input: " + own + delimiterOf(example.source()));
            // The instance never demonstrates itself.
            String ownPrompt = "Input: " + own + delimiterOf(example.source());
            assertThat(example.source().indexOf(ownPrompt)).isEqualTo(example.source().lastIndexOf(ownPrompt));
            withShots += example.shots() > 0 ? 1 : 0;
        }
        assertThat(withShots).isGreaterThan(100);
    }

    private static String delimiterOf(String source) {
        return PromptFormatter.DELIMITERS.stream().filter(source::endsWith).findFirst().orElseThrow();
    }
}
