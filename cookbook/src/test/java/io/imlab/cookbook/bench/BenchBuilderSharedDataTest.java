package io.imlab.cookbook.bench;

import io.imlab.cookbook.ingest.SharedData;
import io.imlab.cookbook.leakage.LeakageReport;
import io.imlab.cookbook.spec.BenchInputs;
import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.cookbook.split.EvalSplit;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code examples/bench-superni.yaml} built from the shared data (skipped with a message where it is absent). */
class BenchBuilderSharedDataTest {
    static final Path EXAMPLE = Path.of("../examples/bench-superni.yaml");

    @TempDir
    static Path tmp;
    static ExperimentSpec spec;
    static BenchBuilder.Result result;
    static String hash;

    @BeforeAll
    static void build() throws IOException {
        Path data = SharedData.require();
        spec = SpecLoader.loadExperiment(EXAMPLE, data);
        BenchInputs inputs = BenchInputs.resolve(spec.bench(), EXAMPLE.toAbsolutePath().getParent());
        hash = BenchBuilder.contentHash(spec.bench(), spec.splits(), inputs);
        result = new BenchBuilder().build(spec.bench(), spec.splits(), inputs, hash, tmp.resolve("bench"));
    }

    @Test
    void buildsEveryLevelWithDevAndTestFromTheSharedTasks() {
        BenchSummary summary = BenchReader.open(result.dir()).summary();
        assertThat(summary.hash()).isEqualTo(hash);
        assertThat(summary.source()).isEqualTo("collections");
        assertThat(summary.tasksByCollection()).containsOnlyKeys("supernatural");
        // a level-3 task carries the name of the training task whose instances it holds out; nothing else repeats
        assertThat(summary.tasks()).extracting(t -> t.part() + "/" + t.name()).doesNotHaveDuplicates().isNotEmpty();
        assertThat(summary.tasksByCategory()).hasSize(30);
        // the paper's test categories are test, the one dev category of level 1 is dev
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL1, EvalSplit.TEST)).extracting(BenchTaskEntry::category)
                .containsExactlyInAnyOrder("Textual Entailment", "Coreference Resolution");
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL1, EvalSplit.DEV)).extracting(BenchTaskEntry::category)
                .containsExactly("Cause Effect Classification");
        for (GeneralizationLevel level : List.of(GeneralizationLevel.LEVEL2, GeneralizationLevel.LEVEL3)) {
            for (EvalSplit split : EvalSplit.values()) {
                assertThat(summary.evalTasks(level, split)).as(level.id() + "/" + split.id()).isNotEmpty();
            }
        }
        // validation keeps at most 250 prompts per task; test keeps every example (§2.4)
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            assertThat(summary.evalTasks(level, EvalSplit.DEV)).allSatisfy(t -> assertThat(t.instances()).isLessThanOrEqualTo(250));
        }
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL1, EvalSplit.TEST))
                .filteredOn(t -> t.name().startsWith("task1344")).singleElement()
                .satisfies(t -> assertThat(t.instances()).isEqualTo(2480));
        assertThat(summary.poolSizes().get(io.imlab.cookbook.task.PoolKind.COT)).isEqualTo(1319 + 2061 + 1084);
    }

    @Test
    void noEvaluationTaskSharesADataSourceWithTraining() {
        BenchSummary summary = result.summary();
        Set<String> trainSources = summary.trainTasks().stream().map(BenchTaskEntry::dataSource).collect(Collectors.toSet());
        for (GeneralizationLevel level : List.of(GeneralizationLevel.LEVEL1, GeneralizationLevel.LEVEL2)) {
            assertThat(summary.evalTasks(level)).extracting(BenchTaskEntry::dataSource).doesNotContainAnyElementsOf(trainSources);
        }
    }

    @Test
    void writesTheLeakageReportAgainstTheSplit() throws IOException {
        BenchReader reader = BenchReader.open(result.dir());
        LeakageReport report = reader.readLeakageReport().orElseThrow();
        assertThat(report).isEqualTo(result.leakage());
        assertThat(report.trainTasks()).isEqualTo(reader.summary().trainTasks().size());
        int evalTasks = 0;
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            evalTasks += reader.summary().evalTasks(level).size();
        }
        assertThat(report.evalTasks()).isEqualTo(evalTasks);
        assertThat(reader.summary().leakage().flaggedPairs()).isEqualTo(report.flagged().size());
        assertThat(Files.readString(result.dir().resolve("bench.json"))).contains("\"leakage\"", "\"bySplit\"");
    }

    @Test
    void theHashCoversTheBytesNotThePaths(@TempDir Path elsewhere) throws IOException {
        Path copy = elsewhere.resolve("data/supernatural/tasks");
        Files.createDirectories(copy);
        Path original = SharedData.require("supernatural", "tasks");
        try (var files = Files.list(original)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Path cot = elsewhere.resolve("data/cot");
        for (String file : List.of("gsm8k/test.jsonl", "flan_v2_cot/strategyqa_train.tsv", "flan_v2_cot/qasc_train.tsv")) {
            Files.createDirectories(cot.resolve(file).getParent());
            Files.copy(SharedData.require("cot").resolve(file), cot.resolve(file));
        }
        ExperimentSpec moved = SpecLoader.loadExperiment(EXAMPLE, elsewhere.resolve("data"));
        BenchInputs inputs = BenchInputs.resolve(moved.bench(), Path.of("."));
        assertThat(BenchBuilder.contentHash(moved.bench(), moved.splits(), inputs)).isEqualTo(hash);

        Files.writeString(copy.resolve("task393_plausible_result_generation.json"), " ", java.nio.file.StandardOpenOption.APPEND);
        assertThat(BenchBuilder.contentHash(moved.bench(), moved.splits(), inputs)).isNotEqualTo(hash);
    }

    @Test
    void readsTheTasksBack() {
        BenchReader reader = BenchReader.open(result.dir());
        List<Task> dev = reader.readEvalTasks(GeneralizationLevel.LEVEL1, EvalSplit.DEV).toList();
        assertThat(dev).extracting(Task::category).containsOnly("Cause Effect Classification");
        assertThat(reader.readEvalTasks(GeneralizationLevel.LEVEL1).count())
                .isEqualTo(reader.summary().evalTasks(GeneralizationLevel.LEVEL1).size());
    }
}
