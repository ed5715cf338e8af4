package io.imlab.cli.mixture;

import io.imlab.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class MixtureCommandTest {
    private static final String SPEC = """
            name: tiny
            bench: {source: mini, seed: 3, tasksPerFamily: 1, instancesPerTask: 30}
            splits:
              heldOutCategories: [Word Analogy]
              partiallyHeldOutCategories: []
              heldOutInstanceFraction: 0.1
            recipe:
              seed: 2
              cotShare: 0.05
              sequenceLength: 128
              sequences: 12
              metaIcl: {maxShots: 2, zipfA: 1.0}
            """;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void buildsThenShowsStatsAndSamples(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("tiny.yaml"), SPEC);
        Path mixture = dir.resolve("mixture");

        assertThat(run("mixture", "build", spec.toString(), "--out", mixture.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("training tasks", "100%  12/12 sequences", "done in");
        assertThat(mixture.resolve("tokens.bin")).exists();
        assertThat(mixture.resolve("tokens.idx")).exists();

        out.getBuffer().setLength(0);
        assertThat(run("mixture", "stats", mixture.toString())).isZero();
        assertThat(out.toString()).contains("requested", "realized", "collection", "category", "cot", "MetaICL", "packing: 12 sequences");

        out.getBuffer().setLength(0);
        assertThat(run("mixture", "show", mixture.toString(), "-n", "1")).isZero();
        assertThat(out.toString()).contains("sequence 0, example 1", "⟦", "</s>⟧");
    }

    @Test
    void aGridBuildsOneMixturePerCell(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("grid.yaml"), SPEC + "grid:\n  factors:\n    recipe.cotShare: [0.0, 0.1]\n");
        assertThat(run("mixture", "build", spec.toString(), "--out", dir.resolve("grid").toString())).as(err.toString()).isZero();
        assertThat(dir.resolve("grid/cotShare=0/packed.json")).exists();
        assertThat(dir.resolve("grid/cotShare=0.1/packed.json")).exists();
    }

    @Test
    void aRecipeThatDoesNotFitListsEveryProblemAndWritesNothing(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), SPEC.replace("  seed: 2\n", """
                  seed: 2
                  subset: {tasks: 5000, alwaysCategories: [No Such Category]}
                """));
        Path outDir = dir.resolve("never");

        assertThat(run("mixture", "build", spec.toString(), "--out", outDir.toString())).isEqualTo(Main.EXIT_CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("recipe.subset.alwaysCategories[0]: no training task has category \"No Such Category\"",
                "recipe.subset.tasks: 5000 tasks requested but only");
        assertThat(outDir).doesNotExist();
    }

    @Test
    void anInvalidSpecIsAConfigurationError(@TempDir Path dir) throws IOException {
        Path spec = Files.writeString(dir.resolve("bad.yaml"), "recipe:\n  taskCap: 0\n  collectionCaps: {flan: -1}\n");
        assertThat(run("mixture", "build", spec.toString(), "--out", dir.resolve("x").toString()))
                .isEqualTo(Main.EXIT_CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("recipe.taskCap: must be positive", "recipe.collectionCaps.flan: must be positive");
        assertThat(dir.resolve("x")).doesNotExist();
    }
}
