package io.imlab.cookbook.mixture;

import io.imlab.cookbook.bench.Bench;
import io.imlab.cookbook.bench.MiniBenchGenerator;
import io.imlab.cookbook.pack.PackedDatasetReader;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.MetaIclSpec;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.spec.SpecProblem;
import io.imlab.cookbook.spec.TaskSubsetSpec;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The newer recipe fields end to end on the mini bench: determinism, token budget, failure leaves nothing. */
class MixtureRecipeBuildTest {
    private static Bench bench;
    private static final RecipeSpec RECIPE = new RecipeSpec(5, 64, Map.of("supernatural", 0.4), 0.02, 0.0, 0.05, 128, 30)
            .withMetaIcl(new MetaIclSpec(5, 2.0, true))
            .withSubset(new TaskSubsetSpec(3, 20, 0, List.of(), List.of()))
            .withSampling(Map.of("flan", 30), true, 1.5);

    @BeforeAll
    static void bench() {
        bench = new MiniBenchGenerator().generate(new BenchSpec("mini", 7, 1, 40));
    }

    @Test
    void sameRecipeGivesByteIdenticalFolders(@TempDir Path dir) throws IOException {
        MixtureStats first = new MixtureBuilder().build(bench.tasks(), bench.pools(), RECIPE, new ByteTokenizer(), dir.resolve("a"));
        MixtureStats second = new MixtureBuilder().build(bench.tasks(), bench.pools(), RECIPE, new ByteTokenizer(), dir.resolve("b"));

        assertThat(second).isEqualTo(first);
        assertThat(first.tasksPlanned()).isEqualTo(20);
        assertThat(first.examplesByShots().keySet()).contains(0, 1);
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir.resolve("a"))) {
            files = listing.map(dir.resolve("a")::relativize).sorted().toList();
        }
        assertThat(files).hasSize(10);
        for (Path file : files) {
            assertThat(Files.readAllBytes(dir.resolve("b").resolve(file))).as(file.toString())
                    .isEqualTo(Files.readAllBytes(dir.resolve("a").resolve(file)));
        }
        assertThat(dir).isDirectoryNotContaining(path -> path.getFileName().toString().endsWith(".partial"));
    }

    @Test
    void tokenBudgetSetsTheSequenceCount(@TempDir Path dir) {
        RecipeSpec budget = RECIPE.withTokens(1000);
        MixtureStats stats = new MixtureBuilder().build(bench.tasks(), bench.pools(), budget, new ByteTokenizer(), dir.resolve("m"));
        // ⌈1000 / 128⌉ = 8 sequences.
        assertThat(stats.packing().sequences()).isEqualTo(8);
        try (PackedDatasetReader reader = new PackedDatasetReader(dir.resolve("m"))) {
            assertThat(reader.size()).isEqualTo(8);
        }
    }

    @Test
    void aRecipeThatDoesNotFitTheBenchWritesNothing(@TempDir Path dir) {
        RecipeSpec bad = new RecipeSpec(5, 64, Map.of("exmix", 0.3), 0.02, 0.5, 0.05, 128, 30)
                .withSubset(new TaskSubsetSpec(3, 100_000, 0, List.of(), List.of("no-such-task")));
        Path out = dir.resolve("never");

        assertThatThrownBy(() -> new MixtureBuilder().build(bench.tasks(), Map.of(), bad, new ByteTokenizer(), out))
                .isInstanceOfSatisfying(MixtureRecipeException.class, e -> assertThat(e.problems())
                        .extracting(SpecProblem::path)
                        .contains("recipe.cotShare", "recipe.dialogueShare", "recipe.plainTextShare",
                                "recipe.subset.onlyTasks[0]", "recipe.subset.tasks", "recipe.collectionShares.exmix"));
        assertThat(dir).isEmptyDirectory();
    }
}
