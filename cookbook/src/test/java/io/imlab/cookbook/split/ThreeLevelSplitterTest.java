package io.imlab.cookbook.split;

import io.imlab.cookbook.bench.Bench;
import io.imlab.cookbook.bench.MiniBenchGenerator;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ThreeLevelSplitterTest {
    private static final List<String> LEVEL1 = List.of("Word Analogy", "Cause Effect Classification");
    private static final List<String> LEVEL2 = List.of("Toxic Language Detection", "Summarization", "Question Answering");
    private static List<Task> tasks;

    private final ThreeLevelSplitter splitter = new ThreeLevelSplitter();

    @BeforeAll
    static void generate() {
        Bench bench = new MiniBenchGenerator().generate(BenchSpec.defaults());
        tasks = bench.tasks();
    }

    private static SplitSpec quickstart(long seed, int maxEval) {
        return new SplitSpec(seed, LEVEL1, LEVEL2, 1, 0.1, maxEval);
    }

    @Test
    void levelOneTakesEveryTaskOfTheHeldOutCategories() {
        SplitResult result = splitter.split(tasks, quickstart(7, 50));
        List<String> expected = tasks.stream().filter(t -> LEVEL1.contains(t.category())).map(Task::name).toList();
        assertThat(result.evalTasks(GeneralizationLevel.LEVEL1)).extracting(Task::name).containsExactlyElementsOf(expected);
        assertThat(result.trainTasks()).noneSatisfy(t -> assertThat(LEVEL1).contains(t.category()));
    }

    @Test
    void levelTwoHoldsOutUnseenTasksOfSeenCategories() {
        SplitResult result = splitter.split(tasks, quickstart(7, 50));
        Set<String> trainedCategories = result.trainTasks().stream().map(Task::category).collect(Collectors.toSet());
        Set<String> trainedNames = result.trainTasks().stream().map(Task::name).collect(Collectors.toSet());
        for (String category : LEVEL2) {
            List<Task> heldOut = result.evalTasks(GeneralizationLevel.LEVEL2).stream().filter(t -> t.category().equals(category)).toList();
            assertThat(heldOut).as(category).hasSizeGreaterThanOrEqualTo(1);
            assertThat(trainedCategories).contains(category);
            assertThat(heldOut).allSatisfy(t -> assertThat(trainedNames).doesNotContain(t.name()));
        }
    }

    @Test
    void noTaskOrInstanceIsInTwoPlaces() {
        // a cap above every task size, so that every instance must land somewhere exactly once
        SplitResult result = splitter.split(tasks, quickstart(7, 10_000));
        Set<String> placed = new HashSet<>();
        Stream.concat(result.trainTasks().stream(), result.evalTasks(GeneralizationLevel.LEVEL3).stream())
                .forEach(t -> t.instances().forEach(i -> assertThat(placed.add(t.name() + "/" + i.id())).as(t.name() + "/" + i.id()).isTrue()));
        for (GeneralizationLevel level : List.of(GeneralizationLevel.LEVEL1, GeneralizationLevel.LEVEL2)) {
            result.evalTasks(level).forEach(t -> t.instances().forEach(i -> assertThat(placed.add(t.name() + "/" + i.id())).isTrue()));
        }
        Set<String> excluded = result.excludedTasks().stream().map(ExcludedTask::name).collect(Collectors.toSet());
        long expected = tasks.stream().filter(t -> !excluded.contains(t.name())).mapToLong(t -> t.instances().size()).sum();
        assertThat(placed).hasSize((int) expected);

        Set<String> l1 = names(result.evalTasks(GeneralizationLevel.LEVEL1));
        Set<String> l2 = names(result.evalTasks(GeneralizationLevel.LEVEL2));
        Set<String> train = names(result.trainTasks());
        assertThat(l1).doesNotContainAnyElementsOf(l2).doesNotContainAnyElementsOf(train).doesNotContainAnyElementsOf(excluded);
        assertThat(l2).doesNotContainAnyElementsOf(train).doesNotContainAnyElementsOf(excluded);
        assertThat(train).doesNotContainAnyElementsOf(excluded);
        assertThat(names(result.evalTasks(GeneralizationLevel.LEVEL3))).isSubsetOf(train);
        assertThat(result.trainTasks()).allSatisfy(t -> assertThat(t.instances()).isNotEmpty());
    }

    @Test
    void noTrainingTaskSharesADataSourceWithALevelOneOrTwoTask() {
        SplitResult result = splitter.split(tasks, quickstart(7, 50));
        Set<String> heldOutSources = Stream.concat(result.evalTasks(GeneralizationLevel.LEVEL1).stream(),
                result.evalTasks(GeneralizationLevel.LEVEL2).stream()).map(Task::dataSource).collect(Collectors.toSet());
        assertThat(result.trainTasks()).extracting(Task::dataSource).doesNotContainAnyElementsOf(heldOutSources);
        assertThat(result.excludedTasks()).allSatisfy(t -> assertThat(heldOutSources).contains(t.dataSource()));
    }

    @Test
    void anInputHeldOutAtLevelThreeIsHeldOutFromEveryTaskOfItsSource() {
        SplitResult result = splitter.split(tasks, quickstart(7, 10_000));
        Map<String, Set<String>> trainInputs = inputsBySource(result.trainTasks());
        Map<String, Set<String>> evalInputs = inputsBySource(result.evalTasks(GeneralizationLevel.LEVEL3));
        assertThat(evalInputs).isNotEmpty();
        evalInputs.forEach((source, inputs) -> assertThat(trainInputs.get(source)).as(source).doesNotContainAnyElementsOf(inputs));
        // families make 300 distinct inputs shared by their variants, so 10% is exactly 30 per task
        Task levelThree = result.evalTasks(GeneralizationLevel.LEVEL3).stream()
                .filter(t -> t.name().equals("supernatural_parity")).findFirst().orElseThrow();
        assertThat(levelThree.instances()).hasSize(30);
    }

    @Test
    void aTrainingTaskSharingASourceWithAHeldOutTaskIsExcluded() {
        List<Task> handmade = List.of(
                task("a1", "A", "shared", 10), task("b1", "B", "shared", 10), task("b2", "B", "own", 10));
        SplitResult result = splitter.split(handmade, new SplitSpec(1, List.of("A"), List.of(), 0, 0.2, 100));
        assertThat(result.evalTasks(GeneralizationLevel.LEVEL1)).extracting(Task::name).containsExactly("a1");
        assertThat(result.excludedTasks()).extracting(ExcludedTask::name).containsExactly("b1");
        assertThat(result.excludedTasks().get(0).reason()).contains("a1");
        assertThat(result.trainTasks()).extracting(Task::name).containsExactly("b2");
        assertThat(result.trainTasks().get(0).instances()).hasSize(8);
        assertThat(result.evalTasks(GeneralizationLevel.LEVEL3).get(0).instances()).hasSize(2);
    }

    @Test
    void levelTwoHoldsOutWholeDataSourcesAndAlwaysKeepsOneForTraining() {
        List<Task> handmade = new ArrayList<>();
        for (String source : List.of("s1", "s2", "s3")) {
            handmade.add(task(source + "_x", "C", source, 5));
            handmade.add(task(source + "_y", "C", source, 5));
        }
        handmade.add(task("other", "D", "s4", 5));

        SplitResult one = splitter.split(handmade, new SplitSpec(3, List.of(), List.of("C"), 1, 0.0, 100));
        List<Task> heldOut = one.evalTasks(GeneralizationLevel.LEVEL2);
        assertThat(heldOut).hasSize(2);
        assertThat(heldOut.stream().map(Task::dataSource).distinct()).hasSize(1);

        SplitResult many = splitter.split(handmade, new SplitSpec(3, List.of(), List.of("C"), 100, 0.0, 100));
        assertThat(many.evalTasks(GeneralizationLevel.LEVEL2)).hasSize(4);
        assertThat(many.trainTasks()).extracting(Task::category).contains("C", "D");
        assertThat(many.evalTasks(GeneralizationLevel.LEVEL3)).isEmpty();
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        SplitResult first = splitter.split(tasks, quickstart(7, 50));
        SplitResult second = splitter.split(tasks, quickstart(7, 50));
        assertThat(second).isEqualTo(first);
        SplitResult other = splitter.split(tasks, quickstart(8, 50));
        assertThat(other.evalTasks(GeneralizationLevel.LEVEL3)).isNotEqualTo(first.evalTasks(GeneralizationLevel.LEVEL3));
    }

    @Test
    void evaluationTasksAreCappedBySeededSample() {
        SplitResult capped = splitter.split(tasks, quickstart(7, 7));
        SplitResult full = splitter.split(tasks, quickstart(7, 10_000));
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            assertThat(capped.evalTasks(level)).isNotEmpty().allSatisfy(t -> assertThat(t.instances()).hasSizeLessThanOrEqualTo(7));
            for (int i = 0; i < capped.evalTasks(level).size(); i++) {
                assertThat(full.evalTasks(level).get(i).instances()).containsAll(capped.evalTasks(level).get(i).instances());
            }
        }
        assertThat(capped.evalTasks(GeneralizationLevel.LEVEL1)).allSatisfy(t -> assertThat(t.instances()).hasSize(7));
        assertThat(capped.trainTasks()).isEqualTo(full.trainTasks());
        assertThat(capped.evalInstanceCount(GeneralizationLevel.LEVEL1)).isEqualTo(7L * capped.evalTaskCount(GeneralizationLevel.LEVEL1));
    }

    @Test
    void reportsEveryProblemWithItsFieldPath() {
        SplitSpec bad = new SplitSpec(1, List.of("Sentiment Analysis", "Foo"), List.of("Bar", "Sentiment Analysis"), -1, 1.5, 0);
        assertThatThrownBy(() -> splitter.split(tasks, bad))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("splits.heldOutCategories[1]: unknown category 'Foo'")
                .hasMessageContaining("splits.partiallyHeldOutCategories[0]: unknown category 'Bar'")
                .hasMessageContaining("splits.partiallyHeldOutCategories[1]: category 'Sentiment Analysis' is also in splits.heldOutCategories")
                .hasMessageContaining("splits.heldOutTasksPerCategory")
                .hasMessageContaining("splits.heldOutInstanceFraction")
                .hasMessageContaining("splits.maxEvalInstancesPerTask");
    }

    @Test
    void refusesToPartiallyHoldOutACategoryWithOneDataSource() {
        List<Task> handmade = List.of(task("x1", "X", "only", 4), task("x2", "X", "only", 4), task("y", "Y", "other", 4));
        assertThatThrownBy(() -> splitter.split(handmade, new SplitSpec(1, List.of(), List.of("X"), 1, 0.0, 10)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("splits.partiallyHeldOutCategories[0]: category 'X' has only one data source");
    }

    @Test
    void levelThreeHoldsOutTheInputsTheStringRuleHeldOut() {
        // tasks sharing sources and repeating inputs across tasks, as the collections do
        List<Task> generated = new ArrayList<>();
        java.util.Random random = new java.util.Random(5);
        for (int t = 0; t < 12; t++) {
            String source = "source_" + (t % 4);
            List<Instance> instances = new ArrayList<>();
            for (int i = 0; i < 40 + random.nextInt(200); i++) {
                instances.add(new Instance("i" + i, source + " input " + random.nextInt(150), List.of("out"), List.of()));
            }
            generated.add(new Task("task" + t, "supernatural", t % 2 == 0 ? "Summarization" : "Question Answering", source,
                    InstructionStyle.TASK_LEVEL, "Do it.", List.of(), List.of(), List.of(), MetricKind.ROUGE_L, instances, Map.of()));
        }
        for (long seed = 1; seed <= 5; seed++) {
            SplitSpec spec = new SplitSpec(seed, List.of(), List.of(), 0, 0.15, 100_000);
            SplitResult result = splitter.split(generated, spec);
            Map<String, Set<String>> heldOut = inputsBySource(result.evalTasks(GeneralizationLevel.LEVEL3));
            Map<String, Set<String>> reference = stringRuleHeldOut(generated, spec);
            assertThat(heldOut).as("seed " + seed).isEqualTo(reference);
        }
    }

    /**
     * The level-3 rule as it ran on strings before the split moved to outlines: a {@code HashSet} of each source's
     * inputs, each keyed by its seed and {@link String#hashCode}, the {@code count} smallest keys held out (the set's
     * order broke ties; this data has none).
     */
    private static Map<String, Set<String>> stringRuleHeldOut(List<Task> tasks, SplitSpec spec) {
        Map<String, Set<String>> inputsBySource = new java.util.TreeMap<>();
        for (Task task : tasks) {
            task.instances().forEach(i -> inputsBySource.computeIfAbsent(task.dataSource(), s -> new HashSet<>()).add(i.input()));
        }
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        inputsBySource.forEach((source, inputs) -> {
            int count = Math.min((int) Math.round(spec.heldOutInstanceFraction() * inputs.size()), Math.max(0, inputs.size() - 1));
            long seed = StableSeeds.derive(spec.seed(), "level3", source);
            List<String> sorted = new ArrayList<>(inputs);
            sorted.sort(java.util.Comparator.comparingLong(text -> StableSeeds.mix(seed ^ StableSeeds.mix(text.hashCode()))));
            if (count > 0) {
                out.put(source, new HashSet<>(sorted.subList(0, count)));
            }
        });
        return out;
    }

    @Test
    void aHashCodeTieAtTheLevelThreeThresholdGoesToTheInputSeenFirst() {
        // "Aa" and "BB" share String.hashCode, so they share a hold-out key; one of the two is held out
        assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
        SplitSpec spec = new SplitSpec(3, List.of(), List.of(), 0, 0.5, 1000);
        for (List<String> order : List.of(List.of("Aa", "BB"), List.of("BB", "Aa"))) {
            List<Instance> instances = new ArrayList<>();
            for (int i = 0; i < order.size(); i++) {
                instances.add(new Instance("i" + i, order.get(i), List.of("out"), List.of()));
            }
            Task task = new Task("tie", "supernatural", "Summarization", "s", InstructionStyle.TASK_LEVEL, "Do it.", List.of(),
                    List.of(), List.of(), MetricKind.ROUGE_L, instances, Map.of());
            SplitResult result = splitter.split(List.of(task), spec);
            assertThat(result.evalTasks(GeneralizationLevel.LEVEL3)).singleElement()
                    .satisfies(t -> assertThat(t.instances()).extracting(Instance::input).containsExactly(order.get(0)));
        }
    }

    private static Task task(String name, String category, String source, int instances) {
        List<Instance> list = IntStream.range(0, instances)
                .mapToObj(i -> new Instance(String.format("%04d", i), source + " input " + i, List.of("out " + i), List.of()))
                .toList();
        return new Task(name, "supernatural", category, source, InstructionStyle.TASK_LEVEL, "Do it.", List.of(), List.of(), List.of(),
                MetricKind.EXACT_MATCH, list, Map.of());
    }

    private static Set<String> names(List<Task> tasks) {
        return tasks.stream().map(Task::name).collect(Collectors.toSet());
    }

    private static Map<String, Set<String>> inputsBySource(List<Task> tasks) {
        return tasks.stream().collect(Collectors.groupingBy(Task::dataSource,
                Collectors.flatMapping(t -> t.instances().stream().map(Instance::input), Collectors.toSet())));
    }

    @Test
    void dividesEveryLevelIntoDevAndTestByDataSource() {
        SplitSpec spec = new SplitSpec(7, LEVEL1, LEVEL2, 1, 0.1, 50, List.of("Word Analogy"), 0.5, 0);
        SplitResult result = splitter.split(tasks, spec);

        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            List<Task> dev = result.evalTasks(level, EvalSplit.DEV);
            List<Task> test = result.evalTasks(level, EvalSplit.TEST);
            assertThat(dev.size() + test.size()).as(level.id()).isEqualTo(result.evalTaskCount(level));
            assertThat(dev).as(level.id()).isNotEmpty();
            assertThat(test).as(level.id()).isNotEmpty();
            // whole data sources go to one side, and a test category goes to test
            Set<String> devSources = dev.stream().map(Task::dataSource).collect(Collectors.toSet());
            assertThat(test).extracting(Task::dataSource).doesNotContainAnyElementsOf(devSources);
            assertThat(dev).extracting(Task::category).doesNotContain("Word Analogy");
            // dev is capped at 50 (the paper's 250 in validation), test keeps every instance
            assertThat(dev).allSatisfy(t -> assertThat(t.instances()).hasSizeLessThanOrEqualTo(50));
        }
        Map<String, Integer> original = tasks.stream().collect(Collectors.toMap(Task::name, t -> t.instances().size()));
        List<Task> wordAnalogy = result.evalTasks(GeneralizationLevel.LEVEL1, EvalSplit.TEST).stream()
                .filter(t -> t.category().equals("Word Analogy")).toList();
        assertThat(wordAnalogy).isNotEmpty();
        for (Task task : wordAnalogy) {
            assertThat(task.instances().size()).as(task.name()).isEqualTo(original.get(task.name())).isGreaterThan(50);
        }
        assertThat(splitter.split(tasks, spec)).isEqualTo(result);
    }

    @Test
    void withoutATestFractionOrCategoriesEveryEvaluationTaskIsDev() {
        SplitResult result = splitter.split(tasks, quickstart(7, 50));
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            assertThat(result.evalTasks(level, EvalSplit.TEST)).isEmpty();
        }
    }

    @Test
    void rejectsAnUnknownTestCategory() {
        SplitSpec spec = new SplitSpec(7, LEVEL1, LEVEL2, 1, 0.1, 50, List.of("Nope"), 0.5, 0);
        assertThatThrownBy(() -> splitter.split(tasks, spec)).hasMessageContaining("splits.testCategories[0]: unknown category 'Nope'");
    }

    @Test
    void kthSmallestIsTheValueASortPutsAtK() {
        java.util.Random random = new java.util.Random(3);
        for (int round = 0; round < 200; round++) {
            int size = 1 + random.nextInt(300);
            long[] values = new long[size];
            for (int i = 0; i < size; i++) {
                // few distinct values in some rounds: ties at the selected rank
                values[i] = round % 3 == 0 ? random.nextInt(5) : random.nextLong();
            }
            long[] sorted = values.clone();
            java.util.Arrays.sort(sorted);
            int k = random.nextInt(size);
            assertThat(ThreeLevelSplitter.kthSmallest(values.clone(), k)).isEqualTo(sorted[k]);
        }
    }
}
