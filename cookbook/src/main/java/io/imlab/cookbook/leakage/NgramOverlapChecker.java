package io.imlab.cookbook.leakage;

import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The 13-gram overlap check between every (train, eval) task pair (OPT-IML §2.3 "Task de-duplication": "for
 * every (train, eval) task pair, the fraction of eval examples with any 13-gram overlap"; pairs above 1% are
 * flagged for review).
 *
 * <p>Each instance's instantiated sequence is its input followed by its references; task definitions and
 * templates are left out, since shared boilerplate instructions are not leaked data. Train tasks are indexed
 * first ({@link #addTrainTask}): every n-gram hash goes into a map from hash to the ids of the train tasks
 * containing it. Then each eval instance's hashes are looked up ({@link #checkEvalTask}); every train task hit
 * counts the instance once. No strings are ever compared, so the cost is linear in the text, not in the
 * number of pairs. Tasks can be streamed one at a time: memory holds the hash index, not the tasks.
 *
 * <p>Not thread-safe.
 */
public final class NgramOverlapChecker {
    /** n-gram length used by the paper. */
    public static final int DEFAULT_NGRAM = 13;
    /** Fraction of eval instances above which a pair is flagged, as in the paper. */
    public static final double DEFAULT_THRESHOLD = 0.01;

    private final int ngram;
    private final double threshold;
    private final NgramHasher hasher;
    private final LongToIntListMap index = new LongToIntListMap(1 << 20);
    private final List<String> trainNames = new ArrayList<>();
    private final Map<String, Integer> trainIds = new HashMap<>();
    private final List<FlaggedPair> flagged = new ArrayList<>();
    private int evalTasks;
    private long evalInstances;
    private boolean evaluating;

    public NgramOverlapChecker() {
        this(DEFAULT_NGRAM, DEFAULT_THRESHOLD);
    }

    public NgramOverlapChecker(int ngram, double threshold) {
        this.ngram = ngram;
        this.threshold = threshold;
        this.hasher = new NgramHasher(ngram);
    }

    /** Checks all pairs of two task lists. */
    public static LeakageReport check(Iterable<Task> trainTasks, Iterable<Task> evalTasks) {
        NgramOverlapChecker checker = new NgramOverlapChecker();
        trainTasks.forEach(checker::addTrainTask);
        evalTasks.forEach(checker::checkEvalTask);
        return checker.report();
    }

    /** Indexes a train task's n-grams. All train tasks must be added before the first eval task. */
    public void addTrainTask(Task task) {
        if (evaluating) {
            throw new IllegalStateException("add every train task before checking eval tasks");
        }
        if (trainIds.containsKey(task.name())) {
            throw new IllegalArgumentException("train task " + task.name() + " added twice");
        }
        int id = trainNames.size();
        trainNames.add(task.name());
        trainIds.put(task.name(), id);
        for (Instance instance : task.instances()) {
            int count = hashInstance(instance);
            for (int i = 0; i < count; i++) {
                index.add(hasher.hash(i), id);
            }
        }
    }

    /**
     * Checks one eval task against every indexed train task and returns (and records) the flagged pairs.
     * A train task of the same name (a level-3 task, evaluated on its own held-out instances) is skipped.
     */
    public List<FlaggedPair> checkEvalTask(Task task) {
        evaluating = true;
        evalTasks++;
        int trainCount = trainNames.size();
        int[] overlapping = new int[trainCount];
        // Stamp per train task: the last eval instance that counted for it, so each instance counts once.
        int[] lastInstance = new int[trainCount];
        Arrays.fill(lastInstance, -1);
        int self = trainIds.getOrDefault(task.name(), -1);
        List<Instance> instances = task.instances();
        for (int i = 0; i < instances.size(); i++) {
            int count = hashInstance(instances.get(i));
            for (int h = 0; h < count; h++) {
                for (int node = index.head(hasher.hash(h)); node >= 0; node = index.next(node)) {
                    int train = index.value(node);
                    if (lastInstance[train] != i) {
                        lastInstance[train] = i;
                        overlapping[train]++;
                    }
                }
            }
        }
        evalInstances += instances.size();
        List<FlaggedPair> pairs = new ArrayList<>();
        for (int train = 0; train < trainCount; train++) {
            if (train == self || overlapping[train] == 0) {
                continue;
            }
            double fraction = (double) overlapping[train] / instances.size();
            if (fraction > threshold) {
                pairs.add(new FlaggedPair(trainNames.get(train), task.name(), overlapping[train], instances.size(), fraction));
            }
        }
        pairs.sort(Comparator.comparingDouble(FlaggedPair::fraction).reversed().thenComparing(FlaggedPair::trainTask));
        flagged.addAll(pairs);
        return pairs;
    }

    /** The report over everything checked so far. */
    public LeakageReport report() {
        return new LeakageReport(ngram, threshold, trainNames.size(), evalTasks, evalInstances, index.size(), flagged);
    }

    private int hashInstance(Instance instance) {
        List<String> outputs = instance.outputs();
        String[] texts = new String[1 + outputs.size()];
        texts[0] = instance.input();
        for (int i = 0; i < outputs.size(); i++) {
            texts[i + 1] = outputs.get(i);
        }
        return hasher.hash(texts);
    }
}
