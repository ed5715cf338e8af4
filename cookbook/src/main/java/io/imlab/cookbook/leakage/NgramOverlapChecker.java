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
    private long[] filter;
    private int filterShift;
    private TrainScan scan;
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
        if (filter != null) {
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
            int count = hashInstance(hasher, instance);
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
        if (scan == null) {
            sealIndex();
            scan = new TrainScan();
        }
        trainTasks++;
        List<FlaggedPair> pairs = scan.check(task);
        flagged.addAll(pairs);
        return pairs;
    }

    /**
     * Checks train tasks on {@code threads} threads at once: the eval index is read-only by then, and each thread
     * keeps its own hasher and counters, so the result equals checking them one by one. The n-gram hashing of the
     * train text is most of the check's cost, and it divides evenly over the cores.
     */
    public void checkTrainTasks(List<Task> tasks, int threads) {
        if (threads <= 1 || tasks.size() < 2) {
            tasks.forEach(this::checkTrainTask);
            return;
        }
        sealIndex();
        List<List<FlaggedPair>> results = new ArrayList<>(java.util.Collections.nCopies(tasks.size(), null));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "ngram-overlap");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<java.util.concurrent.Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                workers.add(pool.submit(() -> {
                    TrainScan own = new TrainScan();
                    for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                        results.set(i, own.check(tasks.get(i)));
                    }
                }));
            }
            for (java.util.concurrent.Future<?> worker : workers) {
                worker.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking n-gram overlap", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        trainTasks += tasks.size();
        results.forEach(flagged::addAll);
    }

    /**
     * Ends indexing: builds a bitset with one bit per (top bits of a) indexed hash, 16 bits per distinct n-gram.
     * Most train n-grams are in no eval task, and the bitset (a few MiB at most) answers "surely not" from cache
     * where the hash table would cost a cache miss per n-gram.
     */
    private void sealIndex() {
        if (filter != null) {
            return;
        }
        int bits = Math.max(16, Math.min(30, 64 - Long.numberOfLeadingZeros(Math.max(1L, (long) index.size() * 16 - 1))));
        filterShift = 64 - bits;
        filter = new long[Math.max(1, (1 << bits) >>> 6)];
        index.forEachKey(key -> {
            long bit = key >>> filterShift;
            filter[(int) (bit >>> 6)] |= 1L << bit;
        });
    }

    /** The per-thread state of checking train tasks against the sealed index. */
    private final class TrainScan {
        private final NgramHasher ownHasher = new NgramHasher(ngram);
        private final int[] lastTaskOfInstance = new int[evalInstances];
        private final int[] overlapping = new int[evalNames.size()];
        private int stamp;

        TrainScan() {
            Arrays.fill(lastTaskOfInstance, -1);
        }

        List<FlaggedPair> check(Task task) {
            int train = stamp++;
            int self = evalIds.getOrDefault(task.name(), -1);
            long[] bits = filter;
            int shift = filterShift;
            for (Instance instance : task.instances()) {
                int count = hashInstance(ownHasher, instance);
                for (int h = 0; h < count; h++) {
                    long hash = ownHasher.hash(h);
                    long bit = hash >>> shift;
                    if ((bits[(int) (bit >>> 6)] & (1L << bit)) == 0) {
                        continue;
                    }
                    for (int node = index.head(hash); node >= 0; node = index.next(node)) {
                        int evalInstance = index.value(node);
                        // Each eval instance counts once per train task, however many n-grams it shares.
                        if (lastTaskOfInstance[evalInstance] != train) {
                            lastTaskOfInstance[evalInstance] = train;
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
            return pairs;
        }
    }

    /** The report over everything checked so far; flagged pairs by eval task, then decreasing fraction. */
    public LeakageReport report() {
        List<FlaggedPair> sorted = new ArrayList<>(flagged);
        sorted.sort(Comparator.comparing((FlaggedPair p) -> evalIds.get(p.evalTask()))
                .thenComparing(Comparator.comparingDouble(FlaggedPair::fraction).reversed())
                .thenComparing(FlaggedPair::trainTask));
        return new LeakageReport(ngram, threshold, trainTasks, evalNames.size(), evalInstances, index.size(), sorted);
    }

    private static int hashInstance(NgramHasher hasher, Instance instance) {
        List<String> outputs = instance.outputs();
        String[] texts = new String[1 + outputs.size()];
        texts[0] = instance.input();
        for (int i = 0; i < outputs.size(); i++) {
            texts[i + 1] = outputs.get(i);
        }
        return hasher.hash(texts);
    }
}
