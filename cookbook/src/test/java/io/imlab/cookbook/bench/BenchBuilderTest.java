package io.imlab.cookbook.bench;

import io.imlab.cookbook.spec.BenchCollectionsSpec;
import io.imlab.cookbook.spec.BenchInputs;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.spec.SuperNaturalInstructionsSpec;
import io.imlab.cookbook.spec.TextPoolsSpec;
import io.imlab.cookbook.split.EvalSplit;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The bench build on self-made inputs: caps, dev/test, whole-or-nothing output, bad input reported. */
class BenchBuilderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest/superni");
    private static final Path SEQ2SEQ = Path.of("src/test/resources/ingest/seq2seq");

    @TempDir
    Path tmp;

    static BenchSpec collections(Path tasks, int cap, Map<String, Integer> byCollection) {
        return new BenchSpec(BenchSpec.COLLECTIONS, 3, 1, 1, tasks.getParent().toString(),
                new BenchCollectionsSpec(new SuperNaturalInstructionsSpec(tasks.getFileName().toString()), List.of(), List.of(),
                        List.of(), false, TextPoolsSpec.none()), null, cap, byCollection);
    }

    /** Six tasks in three categories, two data sources each. */
    private Path sixTasks() throws IOException {
        Path dir = tmp.resolve("data/tasks");
        SuperNiTaskFiles.write(dir, "task001_sum_a", "Summarization", "news_a", 40);
        SuperNiTaskFiles.write(dir, "task002_sum_b", "Summarization", "news_b", 40);
        SuperNiTaskFiles.write(dir, "task003_qa_a", "Question Answering", "qa_a", 40);
        SuperNiTaskFiles.write(dir, "task004_qa_b", "Question Answering", "qa_b", 40);
        SuperNiTaskFiles.write(dir, "task005_te_a", "Textual Entailment", "te_a", 40);
        SuperNiTaskFiles.write(dir, "task006_te_b", "Textual Entailment", "te_b", 300);
        return dir;
    }

    private static SplitSpec split(double testFraction, int devCap, int testCap) {
        return new SplitSpec(5, List.of("Textual Entailment"), List.of("Question Answering"), 1, 0.25, devCap,
                List.of(), testFraction, testCap);
    }

    private BenchBuilder.Result build(BenchSpec bench, SplitSpec split, Path out) {
        BenchInputs inputs = BenchInputs.resolve(bench, tmp);
        return new BenchBuilder().build(bench, split, inputs, BenchBuilder.contentHash(bench, split, inputs), out);
    }

    @Test
    void buildsACollectionsBenchWithDevAndTestAtEveryLevel() throws IOException {
        Path tasks = sixTasks();
        BenchBuilder.Result result = build(collections(tasks, 100_000, Map.of()), split(0.5, 30, 0), tmp.resolve("bench"));

        BenchSummary summary = BenchReader.open(result.dir()).summary();
        // level 1: both Textual Entailment sources; with a fraction of 0.5 one is dev, one test
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL1, EvalSplit.DEV)).hasSize(1);
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL1, EvalSplit.TEST)).hasSize(1);
        // dev keeps at most maxEvalInstancesPerTask, test everything (task006 has 300)
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL1, EvalSplit.DEV)).allSatisfy(t -> assertThat(t.instances()).isLessThanOrEqualTo(30));
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL1)).extracting(BenchTaskEntry::instances).contains(300);
        // level 2: one QA source held out, a single source stays dev
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL2, EvalSplit.DEV)).hasSize(1);
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL2, EvalSplit.TEST)).isEmpty();
        // level 3: three training sources, round(0.5 * 3) = 2 of them test
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL3)).hasSize(3);
        assertThat(summary.evalTasks(GeneralizationLevel.LEVEL3, EvalSplit.TEST)).hasSize(2);
        assertThat(summary.leakage()).isNotNull();
        assertThat(result.dir().resolve(BenchWriter.LEAKAGE_FILE)).exists();
    }

    @Test
    void capsEachTaskByASeededSampleAndPerCollection() throws IOException {
        Path tasks = sixTasks();
        BenchSummary capped = build(collections(tasks, 35, Map.of()), split(0, 250, 0), tmp.resolve("a")).summary();
        assertThat(capped.capped()).extracting(CappedTask::name).containsExactlyInAnyOrder(
                "task001_sum_a", "task002_sum_b", "task003_qa_a", "task004_qa_b", "task005_te_a", "task006_te_b");
        assertThat(capped.capped()).allSatisfy(c -> assertThat(c.after()).isEqualTo(35));
        assertThat(capped.evalTasks(GeneralizationLevel.LEVEL1)).allSatisfy(t -> assertThat(t.instances()).isEqualTo(35));

        BenchSummary byCollection = build(collections(tasks, 100_000, Map.of("supernatural", 100)), split(0, 250, 0),
                tmp.resolve("b")).summary();
        assertThat(byCollection.capped()).singleElement().isEqualTo(new CappedTask("task006_te_b", "supernatural", 300, 100));
    }

    @Test
    void aCapKeepsASeededRandomSampleInTheOriginalOrder() {
        List<Instance> instances = IntStream.range(0, 100).mapToObj(i -> new Instance("i" + i, "input " + i, List.of("o"), List.of())).toList();
        Task task = new Task("t", "flan", "Summarization", "s", InstructionStyle.TASK_LEVEL, "d", List.of(), List.of(), List.of(),
                MetricKind.ROUGE_L, instances, Map.of());
        List<CappedTask> capped = new ArrayList<>();

        Task once = BenchBuilder.cap(task, 30, 1, capped);
        Task again = BenchBuilder.cap(task, 30, 1, new ArrayList<>());
        Task otherSeed = BenchBuilder.cap(task, 30, 2, new ArrayList<>());

        assertThat(once.instances()).hasSize(30).isEqualTo(again.instances()).isNotEqualTo(otherSeed.instances())
                .isSortedAccordingTo((a, b) -> Integer.compare(instances.indexOf(a), instances.indexOf(b)))
                .isNotEqualTo(instances.subList(0, 30));
        assertThat(capped).containsExactly(new CappedTask("t", "flan", 100, 30));
        assertThat(BenchBuilder.cap(task, 100, 1, capped)).isSameAs(task);
    }

    @Test
    void aBuildThatFailsHalfWayLeavesNothingBehind() throws IOException {
        Path tasks = sixTasks();
        // sorted after the good files, so it fails after six tasks have been read
        Files.copy(FIXTURES.resolve("truncated/task9101_fixture_truncated.json"), tasks.resolve("task9101_fixture_truncated.json"));
        Path out = tmp.resolve("out/bench");
        Files.createDirectories(out.getParent());

        InvalidBenchInputException error = catchThrowableOfType(InvalidBenchInputException.class,
                () -> build(collections(tasks, 100_000, Map.of()), split(0.5, 30, 0), out));

        assertThat(error.getMessage()).contains("task9101_fixture_truncated.json");
        assertThat(out).doesNotExist();
        try (Stream<Path> left = Files.list(out.getParent())) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void aSplitThatDoesNotFitTheDataIsABadInputAndLeavesNothing() throws IOException {
        Path tasks = sixTasks();
        SplitSpec unknown = new SplitSpec(5, List.of("Word Analogy"), List.of(), 1, 0.25, 30, List.of(), 0.5, 0);
        Path out = tmp.resolve("bench");

        assertThatThrownBy(() -> build(collections(tasks, 100_000, Map.of()), unknown, out))
                .isInstanceOf(InvalidBenchInputException.class)
                .hasMessageContaining("splits.heldOutCategories[0]: unknown category 'Word Analogy'");
        assertThat(out).doesNotExist();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "truncated,          task9101_fixture_truncated.json",
        "invalid,            task9102_fixture_invalid.json",
        "wrong-type,         task9103_fixture_wrong_type.json",
        "missing-definition, task9104_fixture_missing_definition.json",
        "unknown-category,   task9105_fixture_unknown_a.json"})
    void reportsBadSuperNiInputWithItsFileAndPublishesNothing(String fixture, String file) throws IOException {
        Path tasks = tmp.resolve("data/" + fixture);
        Files.createDirectories(tasks);
        try (Stream<Path> files = Files.list(FIXTURES.resolve(fixture))) {
            for (Path f : files.toList()) {
                Files.copy(f, tasks.resolve(f.getFileName()));
            }
        }
        Path out = tmp.resolve("bench");

        assertThatThrownBy(() -> build(collections(tasks, 100_000, Map.of()), split(0, 30, 0), out))
                .isInstanceOf(InvalidBenchInputException.class)
                .hasMessageContaining(file);
        assertThat(out).doesNotExist();
    }

    @Test
    void reportsDuplicateTaskNamesWithBothFiles() throws IOException {
        Path data = tmp.resolve("data");
        Files.createDirectories(data);
        Files.copy(SEQ2SEQ.resolve("flan_anli_r1.jsonl"), data.resolve("flan_anli_r1.jsonl"));
        for (String copy : List.of("first.yaml", "second.yaml")) {
            Files.writeString(data.resolve(copy), "name: flan_anli_r1\n" + Files.readString(SEQ2SEQ.resolve("flan_anli_r1.yaml")));
        }
        BenchSpec bench = new BenchSpec(BenchSpec.COLLECTIONS, 3, 1, 1, data.toString(), new BenchCollectionsSpec(null, List.of(),
                List.of("first.yaml", "second.yaml"), List.of(), false, TextPoolsSpec.none()), null, 100_000, Map.of());
        Path out = tmp.resolve("bench");

        assertThatThrownBy(() -> build(bench, split(0, 30, 0), out))
                .isInstanceOf(InvalidBenchInputException.class)
                .hasMessageContaining("second.yaml").hasMessageContaining("duplicate task name 'flan_anli_r1'")
                .hasMessageContaining("first.yaml");
        assertThat(out).doesNotExist();
    }

    @Test
    void theMiniBenchGoesThroughTheSameBuild() {
        BenchSpec mini = new BenchSpec(BenchSpec.MINI, 3, 1, 40);
        SplitSpec splits = new SplitSpec(3, List.of("Word Analogy"), List.of("Summarization"), 1, 0.2, 20, List.of(), 0.5, 0);
        BenchBuilder.Result result = build(mini, splits, tmp.resolve("mini"));

        assertThat(result.summary().name()).isEqualTo(MiniBenchGenerator.NAME);
        assertThat(result.summary().source()).isEqualTo(BenchSpec.MINI);
        assertThat(result.summary().evalTasks(GeneralizationLevel.LEVEL3, EvalSplit.TEST)).isNotEmpty();
        assertThat(result.summary().evalTasks(GeneralizationLevel.LEVEL3, EvalSplit.DEV)).isNotEmpty();
        assertThat(result.leakage().trainTasks()).isEqualTo(result.summary().trainTasks().size());
    }

    @Test
    void refusesToBuildIntoAFolderThatIsNotEmpty() throws IOException {
        Path out = tmp.resolve("taken");
        Files.createDirectories(out);
        Files.writeString(out.resolve("something"), "x");
        assertThatThrownBy(() -> build(new BenchSpec(BenchSpec.MINI, 3, 1, 40), SplitSpec.defaults(), out))
                .hasMessageContaining("is not empty");
    }
}
