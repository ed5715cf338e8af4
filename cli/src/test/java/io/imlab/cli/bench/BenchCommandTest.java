package io.imlab.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imlab.cli.Main;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code imlab bench build | stats | leakage} on local folders. */
class BenchCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path tmp;

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine commandLine = Main.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static Path sharedData() {
        String configured = System.getProperty("imlab.shared.data");
        Assumptions.assumeTrue(configured != null && Files.isDirectory(Path.of(configured)),
                "shared data not found (system property imlab.shared.data): skipping the build of the real SuperNI bench");
        return Path.of(configured).toAbsolutePath();
    }

    @Test
    void buildsTheSharedSuperNiBenchAndShowsItsCollectionsCategoriesAndLevels() throws IOException {
        Path bench = tmp.resolve("superni");

        int exit = run("bench", "build", "../examples/bench-superni.yaml", "--out", bench.toString(),
                "--data-root", sharedData().toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ingested 123/123 files (144,117 SuperNI instances)", "13-gram overlap check", "built in");

        assertThat(run("bench", "stats", bench.toString())).isZero();
        assertThat(out.toString()).contains(
                "bench opt-iml-bench (collections, imlab-bench-v2)",
                "Tasks by collection", "supernatural",
                "Tasks by category (30 categories)", "Cause Effect Classification", "Textual Entailment", "Question Answering",
                "level1    dev", "level1   test", "level2", "level3",
                "cot            4,464",
                "Left out: 0 dropped");

        assertThat(run("bench", "leakage", bench.toString())).isZero();
        assertThat(out.toString()).contains("13-gram overlap: ", "eval task", "train task", "fraction");

        assertThat(run("bench", "leakage", bench.toString(), "--json")).isZero();
        JsonNode report = new ObjectMapper().readTree(out.toString());
        assertThat(report.path("ngram").asInt()).isEqualTo(13);
        assertThat(report.path("flagged").isArray()).isTrue();

        // the same spec again finds the finished bench instead of building it
        assertThat(run("bench", "build", "../examples/bench-superni.yaml", "--out", bench.toString(),
                "--data-root", sharedData().toString())).isZero();
        assertThat(out.toString()).contains("is already built in");
    }

    @Test
    void buildsTheMiniBenchThroughTheSameCommand() throws IOException {
        Path spec = tmp.resolve("mini.yaml");
        Files.writeString(spec, """
                bench: {source: mini, tasksPerFamily: 1, instancesPerTask: 40}
                splits:
                  heldOutCategories: [Word Analogy]
                  partiallyHeldOutCategories: [Summarization]
                  maxEvalInstancesPerTask: 20
                """);
        Path bench = tmp.resolve("mini");

        assertThat(run("bench", "build", spec.toString(), "--out", bench.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).contains("generating the mini bench", "bench mini-v1 (mini, imlab-bench-v2)", "Word Analogy");
        assertThat(bench.resolve("bench.json")).exists();
        assertThat(bench.resolve("leakage.json")).exists();
    }

    @Test
    void aMissingInputIsAConfigurationErrorNamingTheField() throws IOException {
        Path spec = tmp.resolve("bench.yaml");
        Files.writeString(spec, """
                bench:
                  source: collections
                  collections:
                    supernatural: {tasks: no/such/folder}
                """);

        assertThat(run("bench", "build", spec.toString(), "--out", tmp.resolve("b").toString()))
                .isEqualTo(Main.EXIT_CONFIGURATION_ERROR);
        assertThat(err.toString()).contains("bench.collections.supernatural.tasks: no such folder");
        assertThat(tmp.resolve("b")).doesNotExist();
    }

    @Test
    void statsOfAFolderWithoutBenchJsonFails() {
        assertThat(run("bench", "stats", tmp.toString())).isEqualTo(Main.EXIT_FAILURE);
        assertThat(err.toString()).contains("no bench.json in");
    }
}
