package io.imlab.cookbook.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@code bench.source: collections} specs: shape, paths relative to the data root, missing files by field. */
class BenchSpecLoadingTest {
    @TempDir
    Path tmp;

    private Path data() throws IOException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data.resolve("supernatural/tasks"));
        Files.writeString(data.resolve("templates.yaml"), "");
        Files.writeString(data.resolve("rows.jsonl"), "");
        Files.writeString(data.resolve("flan_x.yaml"), "");
        Files.writeString(data.resolve("gsm8k.jsonl"), "");
        Files.writeString(data.resolve("chat.jsonl"), "");
        return data;
    }

    private Path spec(String yaml) throws IOException {
        Path dir = tmp.resolve("specs");
        Files.createDirectories(dir);
        Path file = dir.resolve("bench.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static final String FULL = """
            bench:
              source: collections
              dataRoot: ../data
              collections:
                supernatural: {tasks: supernatural/tasks}
                promptsource:
                  - {templates: templates.yaml, rows: rows.jsonl, originalTaskOnly: true}
                seq2seq: [flan_x.yaml]
                cot: [gsm8k.jsonl]
                pools: {dialogue: [chat.jsonl]}
              maxInstancesPerTask: 1000
              maxInstancesPerTaskByCollection: {flan: 300}
            splits:
              testCategories: [Textual Entailment]
              testFraction: 0.25
            evaluation:
              split: test
            """;

    @Test
    void readsEveryCollectionAndResolvesDataRootAgainstTheSpecFolder() throws IOException {
        Path data = data();
        ExperimentSpec spec = SpecLoader.loadExperiment(spec(FULL));

        BenchSpec bench = spec.bench();
        assertThat(bench.dataRoot()).isEqualTo(data.toAbsolutePath().normalize().toString());
        assertThat(bench.collections().supernatural()).isEqualTo(new SuperNaturalInstructionsSpec("supernatural/tasks"));
        assertThat(bench.collections().promptsource()).containsExactly(new PromptSourceSpec("templates.yaml", "rows.jsonl", true));
        assertThat(bench.collections().pools()).isEqualTo(new TextPoolsSpec(List.of("chat.jsonl"), List.of()));
        assertThat(bench.maxInstancesFor("flan")).isEqualTo(300);
        assertThat(bench.maxInstancesFor("supernatural")).isEqualTo(1000);
        assertThat(spec.splits().testCategories()).containsExactly("Textual Entailment");
        assertThat(spec.splits().testFraction()).isEqualTo(0.25);
        assertThat(spec.evaluation().split()).isEqualTo("test");

        BenchInputs inputs = BenchInputs.resolve(bench, Path.of("/elsewhere"));
        assertThat(inputs.supernaturalTasks()).isEqualTo(data.resolve("supernatural/tasks").toAbsolutePath().normalize());
        assertThat(inputs.dialogue()).containsExactly(data.resolve("chat.jsonl").toAbsolutePath().normalize());
    }

    @Test
    void theMiniDefaultsKeepThePapersCaps() {
        BenchSpec bench = BenchSpec.defaults();
        assertThat(bench.maxInstancesFor("supernatural")).isEqualTo(100_000);
        assertThat(bench.maxInstancesFor("flan")).isEqualTo(30_000);
        assertThat(SpecLoader.parse("name: x\n", "x.yaml")).isEqualTo(new ExperimentDocument("x.yaml", ExperimentSpec.defaults("x")));
    }

    @Test
    void anOverrideReplacesTheDataRoot() throws IOException {
        Path data = data();
        Path moved = tmp.resolve("moved");
        Files.move(data, moved);

        ExperimentSpec spec = SpecLoader.loadExperiment(spec(FULL), moved.toAbsolutePath());

        assertThat(spec.bench().dataRoot()).isEqualTo(moved.toAbsolutePath().toString());
    }

    @Test
    void namesTheFieldOfEveryMissingPath() throws IOException {
        Files.createDirectories(tmp.resolve("data"));
        SpecValidationException error = catchThrowableOfType(SpecValidationException.class, () -> SpecLoader.load(spec(FULL)));

        assertThat(error.problems()).extracting(SpecProblem::path).containsExactly(
                "bench.collections.supernatural.tasks",
                "bench.collections.promptsource[0].templates",
                "bench.collections.promptsource[0].rows",
                "bench.collections.seq2seq[0]",
                "bench.collections.cot[0]",
                "bench.collections.pools.dialogue[0]");
        assertThat(error.problems().get(0).message()).startsWith("no such folder: ").endsWith("supernatural/tasks");
    }

    @Test
    void reportsShapeAndRangeProblemsWithFieldPaths() {
        SpecValidationException error = catchThrowableOfType(SpecValidationException.class, () -> SpecLoader.parse("""
                bench:
                  source: natinst
                  collections:
                    promptsource: [{templates: t.yaml, rows: 3, originalTaskOnly: "yes"}, oops]
                    seq2seq: x.yaml
                  maxInstancesPerTask: 0
                  maxInstancesPerTaskByCollection: {flan: 0, nosuch: 5}
                splits:
                  testFraction: 1.5
                  maxTestInstancesPerTask: -1
                  testCategories: [A, A]
                evaluation:
                  split: validation
                """, "bad.yaml"));

        assertThat(error.problems()).extracting(SpecProblem::toString).contains(
                "bench.collections.promptsource[0].rows: expected a string, got 3",
                "bench.collections.promptsource[0].originalTaskOnly: expected true or false, got \"yes\"",
                "bench.collections.promptsource[1]: expected a mapping, got \"oops\"",
                "bench.collections.seq2seq: expected a list of strings, got \"x.yaml\"",
                "bench.maxInstancesPerTask: must be positive, got 0",
                "bench.maxInstancesPerTaskByCollection.flan: must be positive, got 0",
                "splits.testFraction: must be between 0 and 1, got 1.5",
                "splits.maxTestInstancesPerTask: must be 0 or more, got -1",
                "splits.testCategories[1]: \"A\" is listed twice",
                "evaluation.split: must be dev or test, got \"validation\"");
        assertThat(error.problems()).extracting(SpecProblem::path).contains("bench.source", "bench.maxInstancesPerTaskByCollection.nosuch");
    }

    @Test
    void aCollectionsBenchNeedsATaskCollectionAndAMiniBenchNone() {
        SpecValidationException empty = catchThrowableOfType(SpecValidationException.class,
                () -> SpecLoader.parse("bench: {source: collections}\n", "x.yaml"));
        assertThat(empty.problems()).extracting(SpecProblem::path).containsExactly("bench.collections");

        SpecValidationException mini = catchThrowableOfType(SpecValidationException.class,
                () -> SpecLoader.parse("bench: {collections: {seq2seq: [a.yaml]}}\n", "x.yaml"));
        assertThat(mini.problems()).extracting(SpecProblem::path).containsExactly("bench.collections");
    }

    @Test
    void theExampleSpecLoadsWhereverTheSharedDataIs() throws IOException {
        String shared = System.getProperty("imlab.shared.data");
        org.junit.jupiter.api.Assumptions.assumeTrue(shared != null && Files.isDirectory(Path.of(shared)),
                "shared data not found: skipping the check of examples/bench-superni.yaml against it");
        ExperimentSpec spec = SpecLoader.loadExperiment(Path.of("../examples/bench-superni.yaml"), Path.of(shared).toAbsolutePath());
        assertThat(spec.bench().source()).isEqualTo(BenchSpec.COLLECTIONS);
        assertThat(spec.bench().maxInstancesPerTaskByCollection()).isEqualTo(Map.of("flan", 30_000));
    }
}
