package io.imlab.cookbook.leakage;

import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NgramOverlapCheckerTest {
    private static final String SHARED = "the quick brown fox jumps over the lazy dog while the farmer watches from his old red tractor";

    @Test
    void flagsAPairWhenMoreThanOnePercentOfEvalInstancesShareAThirteenGram() {
        Task train = task("train", List.of("Passage: " + SHARED.toUpperCase() + "!", "unrelated words only here"));
        List<String> evalInputs = new ArrayList<>();
        evalInputs.add("Context — " + SHARED + ", and then it rained");     // same 13+ words, other punctuation and case
        evalInputs.add("Context — " + SHARED + ".");
        for (int i = 0; i < 98; i++) {
            evalInputs.add("a completely different sentence number " + i + " about cooking pasta with fresh basil and olive oil today");
        }
        LeakageReport report = NgramOverlapChecker.check(List.of(train), List.of(task("eval", evalInputs)));
        assertThat(report.flagged()).containsExactly(new FlaggedPair("train", "eval", 2, 100, 0.02));
    }

    @Test
    void doesNotFlagAtOrBelowTheThresholdOrOnShorterSharedRuns() {
        Task train = task("train", List.of(SHARED));
        List<String> inputs = new ArrayList<>();
        inputs.add(SHARED);                                   // 1 of 100 = 1%: not above 1%
        inputs.add("the quick brown fox jumps over the lazy dog while the"); // 11 words (+ the output: 12)
        for (int i = 0; i < 98; i++) {
            inputs.add("filler sentence " + i);
        }
        LeakageReport report = NgramOverlapChecker.check(List.of(train), List.of(task("eval", inputs)));
        assertThat(report.flagged()).isEmpty();
        assertThat(report.evalInstances()).isEqualTo(100);
    }

    @Test
    void theSameTaskOnBothSidesIsNotALeak() {
        Task seen = task("level3", List.of(SHARED));
        assertThat(NgramOverlapChecker.check(List.of(seen), List.of(seen)).flagged()).isEmpty();
    }

    @Test
    void countsAnInstanceOncePerTrainTaskAndEveryTrainTaskSeparately() {
        Task a = task("a", List.of(SHARED));
        Task b = task("b", List.of(SHARED + " " + SHARED));
        Task eval = task("eval", List.of(SHARED + " " + SHARED, "nothing shared here at all"));
        LeakageReport report = NgramOverlapChecker.check(List.of(a, b), List.of(eval));
        assertThat(report.flagged()).containsExactlyInAnyOrder(
                new FlaggedPair("a", "eval", 1, 2, 0.5), new FlaggedPair("b", "eval", 1, 2, 0.5));
    }

    @Test
    void evalTasksMustComeFirst() {
        NgramOverlapChecker checker = new NgramOverlapChecker();
        checker.addEvalTask(task("e", List.of(SHARED)));
        assertThat(checker.checkTrainTask(task("a", List.of(SHARED)))).hasSize(1);
        assertThatThrownBy(() -> checker.addEvalTask(task("f", List.of(SHARED)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void hasherIgnoresCaseAndPunctuationAndRollsOverTexts() {
        NgramHasher hasher = new NgramHasher(3);
        assertThat(hasher.hash("One, two; THREE four")).isEqualTo(2);
        long first = hasher.hash(0);
        assertThat(hasher.hash("one two", "three")).isEqualTo(1);
        assertThat(hasher.hash(0)).isEqualTo(first);
        assertThat(hasher.hash("one two")).isZero();
    }

    @Test
    void batchInsertInSlotOrderBuildsTheSameListsAsInsertingOneByOne() {
        // keys of one shard (top two bits 10), ids non-decreasing, repeated keys within and across ids
        java.util.Random random = new java.util.Random(5);
        int count = 50_000;
        long[] keys = new long[count];
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            long key = random.nextInt(4) == 0 && i > 0 ? keys[random.nextInt(i)] : NgramHasher.mix(random.nextLong());
            keys[i] = (key >>> 2) | (2L << 62);
            ids[i] = i / 7;
        }
        for (int expected : new int[] {count, 16}) {   // pre-sized, and growing all the way
            LongToIntListMap oneByOne = new LongToIntListMap(expected, 16, 2);
            LongToIntListMap batch = new LongToIntListMap(expected, 16, 2);
            for (int i = 0; i < count; i++) {
                oneByOne.add(keys[i], ids[i]);
            }
            batch.addAll(keys, ids, count);
            assertThat(batch.size()).isEqualTo(oneByOne.size());
            assertThat(batch.pairs()).isEqualTo(oneByOne.pairs());
            for (long key : keys) {
                assertThat(list(batch, key)).isEqualTo(list(oneByOne, key));
            }
            assertThat(batch.head(2L << 62 | 12345)).isEqualTo(-1);
        }
    }

    private static List<Integer> list(LongToIntListMap map, long key) {
        List<Integer> ids = new ArrayList<>();
        for (int node = map.head(key); node >= 0; node = map.next(node)) {
            ids.add(map.value(node));
        }
        return ids;
    }

    @Test
    void compactMapKeepsEachIdOncePerKeyAcrossGrowth() {
        LongToIntListMap map = new LongToIntListMap(4);
        for (int id = 0; id < 3; id++) {
            for (long key = 0; key < 10_000; key++) {
                map.add(NgramHasher.mix(key), id);
                map.add(NgramHasher.mix(key), id);
            }
        }
        assertThat(map.size()).isEqualTo(10_000);
        assertThat(map.pairs()).isEqualTo(30_000);
        List<Integer> ids = new ArrayList<>();
        for (int node = map.head(NgramHasher.mix(1234)); node >= 0; node = map.next(node)) {
            ids.add(map.value(node));
        }
        assertThat(ids).containsExactly(2, 1, 0);
        assertThat(map.head(NgramHasher.mix(99_999))).isEqualTo(-1);
    }

    @Test
    void shardedIndexOnSeveralThreadsGivesTheSequentialReport() {
        Generated data = generate(new Random(42));
        LeakageReport sequential = sequential(data, false);
        // the planted overlaps: whole copies, 13-word windows, short single-n-gram instances, a level-3 task
        assertThat(sequential.flagged()).hasSizeGreaterThan(5);
        assertThat(sequential.flagged()).extracting(FlaggedPair::fraction).contains(1.0);
        assertThat(sequential).isEqualTo(data.reference());
        assertThat(sequential(data, true)).isEqualTo(sequential);
        for (int threads : new int[] {2, 3, 4, 8, 32}) {
            NgramOverlapChecker checker = new NgramOverlapChecker();
            checker.addEvalSubsets(data.eval(), threads);
            checker.checkTrainSubsets(data.train(), threads);
            assertThat(checker.report()).as("%d threads", threads).isEqualTo(sequential);
            NgramOverlapChecker oneRegion = new NgramOverlapChecker();
            oneRegion.checkSubsets(data.eval(), data.train(), null, threads, () -> { });
            assertThat(oneRegion.report()).as("%d threads, one region", threads).isEqualTo(sequential);
        }
        // the Task API over the same instances
        assertThat(NgramOverlapChecker.check(data.trainTasks(), data.evalTasks())).isEqualTo(sequential);
    }

    @Test
    void bothPhasesRunOnOnePoolThatTheCallerKeeps() {
        Generated data = generate(new Random(7));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            NgramOverlapChecker checker = new NgramOverlapChecker();
            checker.addEvalSubsets(data.eval(), pool, 2);
            checker.checkTrainSubsets(data.train(), pool, 2);
            assertThat(checker.report()).isEqualTo(data.reference());

            // both phases in one region: the index is announced once, complete, on the calling thread
            NgramOverlapChecker oneRegion = new NgramOverlapChecker();
            List<String> announced = new ArrayList<>();
            Thread caller = Thread.currentThread();
            oneRegion.checkSubsets(data.eval(), data.train(), pool, 2,
                    () -> announced.add(Thread.currentThread() == caller ? "caller" : "other"));
            assertThat(announced).containsExactly("caller");
            assertThat(oneRegion.report()).isEqualTo(data.reference());
            assertThat(pool.isShutdown()).isFalse();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void everyIndexedNgramIsFoundThroughItsShardAndFilter() {
        // Eval instances of exactly one 13-gram (12 input words and a 1-word output), each copied into the train task:
        // an instance counts only if its single key is in its shard and its filter bit is set.
        Random random = new Random(3);
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            instances.add(new Instance("one-" + i, words(random, 12), List.of("w" + random.nextInt(3000)), List.of()));
        }
        Task eval = taskOf("one-ngram", instances);
        Task train = taskOf("copies", instances.subList(0, 4_000));
        NgramHasher hasher = new NgramHasher(NgramOverlapChecker.DEFAULT_NGRAM);
        NgramOverlapChecker.Subset evalSubset = subset(eval, TaskNgrams.of(eval, hasher), null);
        NgramOverlapChecker.Subset trainSubset = subset(train, TaskNgrams.of(train, hasher), null);
        for (int threads : new int[] {1, 2, 4, 16}) {
            NgramOverlapChecker checker = new NgramOverlapChecker();
            checker.addEvalSubsets(List.of(evalSubset), threads);
            checker.checkTrainSubsets(List.of(trainSubset), threads);
            LeakageReport report = checker.report();
            assertThat(report.flagged()).as("%d threads", threads)
                    .containsExactly(new FlaggedPair("copies", "one-ngram", 4_000, 5_000, 0.8));
            assertThat(report.indexedNgrams()).isEqualTo(5_000);
        }
    }

    @Test
    void aFailureInTheOneRegionIsRethrownAndLeavesNoThreadWaiting() throws Exception {
        Generated data = generate(new Random(5));
        Task other = taskOf("eight-grams", List.of(new Instance("x-0", words(new Random(1), 20), List.of("y"), List.of())));
        List<NgramOverlapChecker.Subset> eval = new ArrayList<>(data.eval());
        eval.add(subset(other, TaskNgrams.of(other, new NgramHasher(8)), null));
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            assertThatThrownBy(() -> new NgramOverlapChecker().checkSubsets(eval, data.train(), pool, 2, () -> { }))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("8-grams");
            // the pool's job gave up waiting: the pool runs the next job
            assertThat(pool.submit(() -> "free").get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("free");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void evalTasksAddedOneByOneAfterTheShardedOnesLandInTheirShards() {
        Generated data = generate(new Random(11));
        int half = data.eval().size() / 2;
        NgramOverlapChecker checker = new NgramOverlapChecker();
        checker.addEvalSubsets(data.eval().subList(0, half), 4);
        data.eval().subList(half, data.eval().size()).forEach(checker::addEvalTask);
        checker.checkTrainSubsets(data.train(), 2);
        assertThat(checker.report()).isEqualTo(data.reference());

        NgramOverlapChecker late = new NgramOverlapChecker();
        late.addEvalTask(data.eval().get(0));
        assertThatThrownBy(() -> late.addEvalSubsets(data.eval().subList(1, 2), 2)).isInstanceOf(IllegalStateException.class);
    }

    /** Eval subsets indexed one by one (sized up front or not), train subsets checked on one thread. */
    private static LeakageReport sequential(Generated data, boolean presized) {
        NgramOverlapChecker checker = new NgramOverlapChecker();
        if (presized) {
            checker.expectEvalHashes(data.eval().stream().mapToLong(s -> s.ngrams().hashCount(s.instances())).sum());
        }
        data.eval().forEach(checker::addEvalTask);
        data.train().forEach(subset -> checker.checkTrainSubsets(List.of(subset), 1));
        return checker.report();
    }

    /**
     * Train and eval subsets of generated tasks, the tasks of exactly their instances, and the report computed the
     * slow way (each train subset's hashes in a set, every eval instance looked up in it).
     */
    private record Generated(List<NgramOverlapChecker.Subset> train, List<NgramOverlapChecker.Subset> eval,
                             List<Task> trainTasks, List<Task> evalTasks, LeakageReport reference) {
    }

    private static Generated generate(Random random) {
        NgramHasher hasher = new NgramHasher(NgramOverlapChecker.DEFAULT_NGRAM);
        List<Task> evalSources = new ArrayList<>();
        for (int e = 0; e < 6; e++) {
            List<Instance> instances = new ArrayList<>();
            int size = 40 + random.nextInt(200);
            for (int i = 0; i < size; i++) {
                // a third are a single 13-gram (12 words + the output), the rest 20-60 words
                String input = random.nextInt(3) == 0 ? words(random, 12) : words(random, 20 + random.nextInt(40));
                instances.add(new Instance("e" + e + "-" + i, input, List.of("w" + random.nextInt(3000)), List.of()));
            }
            evalSources.add(taskOf("eval" + e, instances));
        }
        // a level-3 task: its even instances are trained on, its odd ones evaluated
        List<Instance> levelThree = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            levelThree.add(new Instance("l-" + i, words(random, 30), List.of("w" + random.nextInt(3000)), List.of()));
        }
        Task level3 = taskOf("level3", levelThree);

        List<Task> trainSources = new ArrayList<>();
        for (int t = 0; t < 12; t++) {
            List<Instance> instances = new ArrayList<>();
            for (int i = 0; i < 30 + random.nextInt(150); i++) {
                instances.add(new Instance("t" + t + "-" + i, words(random, 10 + random.nextInt(50)), List.of("yes"), List.of()));
            }
            Task source = evalSources.get(t % evalSources.size());
            int planted = t % 4 == 0 ? 0 : random.nextInt(source.instances().size() / 4 + 1);
            for (int p = 0; p < planted; p++) {
                Instance copied = source.instances().get(random.nextInt(source.instances().size()));
                String[] tokens = (copied.input() + " " + copied.outputs().get(0)).split(" ");
                int from = random.nextInt(Math.max(1, tokens.length - 13));
                // a 13-word window of the eval instance's sequence, inside other text, with other case and punctuation
                String window = String.join(" ", java.util.Arrays.copyOfRange(tokens, from, Math.min(tokens.length, from + 13)));
                instances.add(new Instance("t" + t + "-p" + p, words(random, 5) + ", " + window.toUpperCase() + "; " + words(random, 5),
                        List.of("no"), List.of()));
            }
            trainSources.add(taskOf("train" + t, instances));
        }
        trainSources.add(taskOf("shares-level3", levelThree.subList(0, 30)));

        List<NgramOverlapChecker.Subset> eval = new ArrayList<>();
        List<Task> evalTasks = new ArrayList<>();
        for (Task source : evalSources) {
            // a random subset of positions, in order: the two-pass build addresses kept instances by position
            addSubset(source, hasher, random, null, eval, evalTasks);
        }
        addSubset(level3, hasher, random, false, eval, evalTasks);
        List<NgramOverlapChecker.Subset> train = new ArrayList<>();
        List<Task> trainTasks = new ArrayList<>();
        trainSources.forEach(source -> addSubset(source, hasher, random, null, train, trainTasks));
        // every instance of eval0, so each of its kept instances overlaps
        Task copy = taskOf("copy-of-eval0", evalSources.get(0).instances());
        train.add(subset(copy, TaskNgrams.of(copy, hasher), null));
        trainTasks.add(copy);
        addSubset(level3, hasher, random, true, train, trainTasks);
        return new Generated(train, eval, trainTasks, evalTasks, reference(train, eval));
    }

    /** Adds a subset of {@code source} (even positions, odd ones, or a random 80%) and the task of its instances. */
    private static void addSubset(Task source, NgramHasher hasher, Random random, Boolean even,
                                  List<NgramOverlapChecker.Subset> subsets, List<Task> tasks) {
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < source.instances().size(); i++) {
            if (even == null ? random.nextInt(5) != 0 : (i % 2 == 0) == even) {
                positions.add(i);
            }
        }
        int[] kept = positions.stream().mapToInt(Integer::intValue).toArray();
        subsets.add(subset(source, TaskNgrams.of(source, hasher), kept));
        tasks.add(source.withInstances(positions.stream().map(source.instances()::get).toList()));
    }

    private static NgramOverlapChecker.Subset subset(Task task, TaskNgrams ngrams, int[] positions) {
        return new NgramOverlapChecker.Subset(task.name(), ngrams,
                positions != null ? positions : java.util.stream.IntStream.range(0, task.instances().size()).toArray());
    }

    private static LeakageReport reference(List<NgramOverlapChecker.Subset> train, List<NgramOverlapChecker.Subset> eval) {
        Set<Long> distinct = new HashSet<>();
        long evalInstances = 0;
        for (NgramOverlapChecker.Subset subset : eval) {
            forEachInstanceHashes(subset, hashes -> hashes.forEach(distinct::add));
            evalInstances += subset.instances().length;
        }
        List<FlaggedPair> flagged = new ArrayList<>();
        for (int e = 0; e < eval.size(); e++) {
            NgramOverlapChecker.Subset evalSubset = eval.get(e);
            List<FlaggedPair> pairs = new ArrayList<>();
            for (NgramOverlapChecker.Subset trainSubset : train) {
                if (trainSubset.name().equals(evalSubset.name())) {
                    continue;
                }
                Set<Long> trainHashes = new HashSet<>();
                forEachInstanceHashes(trainSubset, trainHashes::addAll);
                int[] shared = {0};
                forEachInstanceHashes(evalSubset, hashes -> shared[0] += hashes.stream().anyMatch(trainHashes::contains) ? 1 : 0);
                int size = evalSubset.instances().length;
                if ((double) shared[0] / size > NgramOverlapChecker.DEFAULT_THRESHOLD) {
                    pairs.add(new FlaggedPair(trainSubset.name(), evalSubset.name(), shared[0], size, (double) shared[0] / size));
                }
            }
            pairs.sort(java.util.Comparator.comparingDouble(FlaggedPair::fraction).reversed().thenComparing(FlaggedPair::trainTask));
            flagged.addAll(pairs);
        }
        return new LeakageReport(NgramOverlapChecker.DEFAULT_NGRAM, NgramOverlapChecker.DEFAULT_THRESHOLD, train.size(),
                eval.size(), evalInstances, distinct.size(), flagged);
    }

    private static void forEachInstanceHashes(NgramOverlapChecker.Subset subset, Consumer<List<Long>> action) {
        for (int position : subset.instances()) {
            action.accept(java.util.Arrays.stream(subset.ngrams().hashesOf(position)).boxed().toList());
        }
    }

    private static String words(Random random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            text.append(i == 0 ? "" : " ").append('w').append(random.nextInt(3000));
        }
        return text.toString();
    }

    private static Task task(String name, List<String> inputs) {
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            instances.add(new Instance(name + "-" + i, inputs.get(i), List.of("x"), List.of()));
        }
        return taskOf(name, instances);
    }

    private static Task taskOf(String name, List<Instance> instances) {
        return new Task(name, "supernatural", "Misc.", name + "-source", InstructionStyle.TASK_LEVEL, "Do it.",
                List.of(), List.of(), List.of(), MetricKind.ROUGE_L, instances, null);
    }
}
