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
 * templates are left out, since shared boilerplate instructions are not leaked data.
 *
 * <p>How: the eval tasks, the small side (the paper has 122 eval tasks against 1,545 train tasks), are indexed
 * first ({@link #addEvalTask}): every n-gram hash goes into a compact map from hash to the eval instances
 * containing it. Train tasks are then streamed one at a time ({@link #checkTrainTask}); each of their n-gram
 * hashes is looked up, and every eval instance hit counts once for that train task. No strings are compared,
 * the cost is linear in the text rather than in the number of pairs, and memory holds the eval index only,
 * never the train tasks. Not thread-safe.
 */
public final class NgramOverlapChecker {
    /** n-gram length used by the paper. */
    public static final int DEFAULT_NGRAM = 13;
    /** Fraction of eval instances above which a pair is flagged, as in the paper. */
    public static final double DEFAULT_THRESHOLD = 0.01;

    private final int ngram;
    private final double threshold;
    private final NgramHasher hasher;
    private final LongToIntListMap index = new LongToIntListMap(1 << 16);
    private final List<String> evalNames = new ArrayList<>();
    private final List<Integer> evalSizes = new ArrayList<>();
    private final Map<String, Integer> evalIds = new HashMap<>();
    private int[] evalTaskOfInstance = new int[1 << 12];
    private int evalInstances;
    private int[] lastTrainOfInstance = new int[0];
    private int[] overlapping = new int[0];
    private int trainTasks;
    private final List<FlaggedPair> flagged = new ArrayList<>();

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
        evalTasks.forEach(checker::addEvalTask);
        trainTasks.forEach(checker::checkTrainTask);
        return checker.report();
    }

    /** Indexes an eval task's n-grams. All eval tasks must be added before the first train task. */
    public void addEvalTask(Task task) {
        if (trainTasks > 0) {
            throw new IllegalStateException("add every eval task before checking train tasks");
        }
        if (evalIds.containsKey(task.name())) {
            throw new IllegalArgumentException("eval task " + task.name() + " added twice");
        }
        int id = evalNames.size();
        evalNames.add(task.name());
        evalSizes.add(task.instances().size());
        evalIds.put(task.name(), id);
        for (Instance instance : task.instances()) {
            if (evalInstances == evalTaskOfInstance.length) {
                evalTaskOfInstance = Arrays.copyOf(evalTaskOfInstance, evalInstances * 2);
            }
            evalTaskOfInstance[evalInstances] = id;
            int count = hashInstance(instance);
            for (int i = 0; i < count; i++) {
                index.add(hasher.hash(i), evalInstances);
            }
            evalInstances++;
        }
    }

    /**
     * Checks one train task against every indexed eval task and returns (and records) the flagged pairs.
     * An eval task of the same name (a level-3 task, evaluated on its own held-out instances) is skipped.
     */
    public List<FlaggedPair> checkTrainTask(Task task) {
        if (trainTasks++ == 0) {
            lastTrainOfInstance = new int[evalInstances];
            Arrays.fill(lastTrainOfInstance, -1);
            overlapping = new int[evalNames.size()];
        }
        int train = trainTasks - 1;
        int self = evalIds.getOrDefault(task.name(), -1);
        for (Instance instance : task.instances()) {
            int count = hashInstance(instance);
            for (int h = 0; h < count; h++) {
                for (int node = index.head(hasher.hash(h)); node >= 0; node = index.next(node)) {
                    int evalInstance = index.value(node);
                    // Each eval instance counts once per train task, however many n-grams it shares.
                    if (lastTrainOfInstance[evalInstance] != train) {
                        lastTrainOfInstance[evalInstance] = train;
                        overlapping[evalTaskOfInstance[evalInstance]]++;
                    }
                }
            }
        }
        List<FlaggedPair> pairs = new ArrayList<>();
        for (int eval = 0; eval < overlapping.length; eval++) {
            int shared = overlapping[eval];
            if (shared == 0) {
                continue;
            }
            overlapping[eval] = 0;
            double fraction = (double) shared / evalSizes.get(eval);
            if (eval != self && fraction > threshold) {
                pairs.add(new FlaggedPair(task.name(), evalNames.get(eval), shared, evalSizes.get(eval), fraction));
            }
        }
        flagged.addAll(pairs);
        return pairs;
    }

    /** The report over everything checked so far; flagged pairs by eval task, then decreasing fraction. */
    public LeakageReport report() {
        List<FlaggedPair> sorted = new ArrayList<>(flagged);
        sorted.sort(Comparator.comparing((FlaggedPair p) -> evalIds.get(p.evalTask()))
                .thenComparing(Comparator.comparingDouble(FlaggedPair::fraction).reversed())
                .thenComparing(FlaggedPair::trainTask));
        return new LeakageReport(ngram, threshold, trainTasks, evalNames.size(), evalInstances, index.size(), sorted);
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
