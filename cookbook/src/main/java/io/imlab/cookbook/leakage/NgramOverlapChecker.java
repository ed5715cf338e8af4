package io.imlab.cookbook.leakage;

import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

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
 * never the train tasks.
 *
 * <p>A caller that has every eval subset up front indexes them on several threads ({@link #addEvalSubsets}): the
 * index is then split into shards by the top bits of the n-gram hash, and each thread walks all eval hashes in order
 * and inserts only its shard's, so instance numbers and every posting list are exactly what the sequential
 * {@link #addEvalTask} gives. Train tasks are checked on several threads too ({@link #checkTrainSubsets}). Either may
 * run on a pool the caller passes, so that both phases share one; {@link #checkSubsets} runs both in one parallel
 * region. Not thread-safe: one caller at a time.
 */
public final class NgramOverlapChecker {
    /** n-gram length used by the paper. */
    public static final int DEFAULT_NGRAM = 13;
    /** Fraction of eval instances above which a pair is flagged, as in the paper. */
    public static final double DEFAULT_THRESHOLD = 0.01;

    /** At most 2^4 index shards: the shard bits must leave the filter whole longs per shard (see {@link #presize}). */
    private static final int MAX_SHARD_BITS = 4;

    private final int ngram;
    private final double threshold;
    private final NgramHasher hasher;
    /** The eval index: hash → eval instances, in 2^{@link #shardBits} shards picked by the hash's top bits. */
    private LongToIntListMap[] shards = {new LongToIntListMap(1 << 16)};
    private int shardBits;
    /** The hashes a pre-sized index was planned for. */
    private int expectedHashes;
    private final List<String> evalNames = new ArrayList<>();
    private final List<Integer> evalSizes = new ArrayList<>();
    private final Map<String, Integer> evalIds = new HashMap<>();
    private int[] evalTaskOfInstance = new int[1 << 12];
    private int evalInstances;
    /** One bit per (top bits of an) indexed hash; null until sealed, unless the index was sized up front. */
    private long[] filter;
    private int filterShift;
    /** Set by the first train check: no eval task may be added after it. */
    private boolean sealed;
    private TrainScan scan;
    private int trainTasks;
    private final List<FlaggedPair> flagged = new ArrayList<>();
    private long[] scratch = new long[1024];

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

    /**
     * Some instances of a task, by position into its hashes: what a two-pass build checks without holding the task.
     *
     * @param name      the task's name (a train and an eval subset of one name, level 3, are not compared)
     * @param ngrams    the hashes of every instance of the task
     * @param instances positions of the subset's instances in {@code ngrams}
     */
    public record Subset(String name, TaskNgrams ngrams, int[] instances) {
        public Subset {
            java.util.Objects.requireNonNull(name, "name");
            java.util.Objects.requireNonNull(ngrams, "ngrams");
            java.util.Objects.requireNonNull(instances, "instances");
        }
    }

    /**
     * Sizes the eval index for about {@code hashes} n-gram hashes (an upper bound on its distinct keys), so that it does
     * not grow while the eval tasks are added, and builds its filter while they are added (no pass over the keys
     * before the first train task). Call before the first eval task.
     */
    public void expectEvalHashes(long hashes) {
        presize(hashes, 0);
        newShard(0);
    }

    /**
     * Plans an index of 2^{@code bits} shards for about {@code hashes} n-gram hashes (the shards are made by {@link
     * #newShard}), and makes its empty filter: 16 filter bits per expected hash (a few MiB at most). A hash's shard is
     * its top {@code bits} bits, which are also the top bits of its filter bit, so each shard owns a run of whole longs
     * of the filter (the filter has at least 16 bits, the shards at most 4) and threads filling different shards never
     * write the same long.
     */
    private void presize(long hashes, int bits) {
        if (sealed || !evalNames.isEmpty()) {
            throw new IllegalStateException("size the index before adding eval tasks");
        }
        expectedHashes = (int) Math.max(1 << 16, Math.min(1 << 26, hashes));
        shardBits = bits;
        shards = new LongToIntListMap[1 << bits];
        makeFilter(expectedHashes);
    }

    /** Makes the (empty) shard {@code shard} of a planned index, on the thread that will fill it. */
    private LongToIntListMap newShard(int shard) {
        // The top bits of mixed hashes split them evenly over the shards, give or take a few hundred: the hash count
        // bounds a shard's distinct keys anyway, and a little slack keeps its (key, instance) pairs from regrowing.
        int perShard = expectedHashes >> shardBits;
        shards[shard] = new LongToIntListMap(perShard, perShard + (perShard >> 6) + 64, shardBits);
        return shards[shard];
    }

    /**
     * An empty filter of 16 bits per key, for {@code keys} keys: a Bloom filter blocked by 64-bit word, a hash's word
     * picked by its top bits ({@link #filterShift}) and three bits in it by its low 18 bits ({@link #filterBits}). Three
     * bits in one word pass about 0.6% of the hashes that are not in the index (one bit per hash passed 6%), at the
     * cost of the one memory access a single bit costs.
     */
    private void makeFilter(long keys) {
        int bits = Math.max(16, Math.min(30, 64 - Long.numberOfLeadingZeros(Math.max(1L, keys * 16 - 1))));
        filterShift = 64 - (bits - 6);
        filter = new long[1 << (bits - 6)];
    }

    /** The three filter bits of {@code hash} in its word (shifts use the low six bits of their count). */
    private static long filterBits(long hash) {
        return (1L << hash) | (1L << (hash >>> 6)) | (1L << (hash >>> 12));
    }

    /**
     * Indexes every eval subset on {@code threads} threads (a pool made for this call), as calling {@link
     * #addEvalTask(Subset)} on each in order would: same instance numbers, same index, same report. Call before any
     * other eval task.
     */
    public void addEvalSubsets(List<Subset> subsets, int threads) {
        addEvalSubsets(subsets, null, threads);
    }

    /**
     * As {@link #addEvalSubsets(List, int)}, on the calling thread and {@code pool} (null: a pool made for this call),
     * which should have at least {@code threads - 1} threads. The index gets the largest power of two of shards not
     * above {@code threads} (at most 16), one job per shard; each job makes its shard, walks every subset's hashes in
     * order and inserts (and sets the filter bits of) only its shard's, so each posting list gets its instances in the
     * sequential order.
     */
    public void addEvalSubsets(List<Subset> subsets, ExecutorService pool, int threads) {
        int first = planShards(subsets, threads);
        if (first >= 0) {
            inParallel(pool, shards.length, shard -> fillShard(subsets, shard, first));
        }
    }

    /**
     * Indexes the eval subsets and checks the train subsets in one parallel region on the calling thread and {@code
     * pool} (null: a pool made for this call; it should have at least {@code threads - 1} threads), with the result of
     * {@link #addEvalSubsets(List, ExecutorService, int)} then {@link #checkTrainSubsets(List, ExecutorService, int)}.
     * Each thread claims index shards to fill while any are left, waits for the others' shards, and then claims train
     * subsets: a pool thread is woken once, not once per phase, and one that wakes late finds its shard filled by the
     * others rather than holding them up; the pool is woken before the calling thread sizes the index and registers
     * the eval subsets, so that the waking overlaps that work. {@code indexed} runs on the calling thread once the
     * index is complete.
     */
    public void checkSubsets(List<Subset> evalSubsets, List<Subset> trainSubsets, ExecutorService pool, int threads,
                             Runnable indexed) {
        if (threads <= 1) {
            addEvalSubsets(evalSubsets, pool, threads);
            indexed.run();
            checkTrainSubsets(trainSubsets, pool, threads);
            return;
        }
        // the first eval instance's number once the calling thread has planned the shards; -1 before
        java.util.concurrent.atomic.AtomicInteger planned = new java.util.concurrent.atomic.AtomicInteger(-1);
        java.util.concurrent.atomic.AtomicInteger nextShard = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger filled = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean failed = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger nextTask = new java.util.concurrent.atomic.AtomicInteger();
        List<List<FlaggedPair>> results = new ArrayList<>(java.util.Collections.nCopies(trainSubsets.size(), null));
        inParallel(pool, threads, worker -> {
            try {
                if (worker == 0) {
                    int first = planShards(evalSubsets, threads);
                    sealed = true;
                    planned.set(first);   // publishes the planned index to the other threads
                } else if (!await(planned, 0, failed)) {
                    return;
                }
                int count = shards.length;
                for (int shard = nextShard.getAndIncrement(); shard < count; shard = nextShard.getAndIncrement()) {
                    fillShard(evalSubsets, shard, planned.get());
                    filled.incrementAndGet();
                }
            } catch (RuntimeException | Error e) {
                failed.set(true);
                throw e;
            }
            // every claimed shard is being filled by a running thread, so this ends; the wait is the slowest shard's
            // remainder, shorter than parking and being woken again
            if (!await(filled, shards.length, failed)) {
                return;
            }
            if (worker == 0) {
                indexed.run();
            }
            TrainScan own = new TrainScan();
            for (int i = nextTask.getAndIncrement(); i < trainSubsets.size(); i = nextTask.getAndIncrement()) {
                results.set(i, checkSubset(own, trainSubsets.get(i)));
            }
        });
        trainTasks += trainSubsets.size();
        results.forEach(flagged::addAll);
    }

    /**
     * Waits, yielding, until {@code value} is at least {@code target}.
     *
     * @return false when another job failed first (its exception is the one rethrown)
     */
    private static boolean await(java.util.concurrent.atomic.AtomicInteger value, int target,
                                 java.util.concurrent.atomic.AtomicBoolean failed) {
        while (value.get() < target) {
            if (failed.get()) {
                return false;
            }
            Thread.yield();
        }
        return true;
    }

    /**
     * Sizes the index for {@code subsets} in shards for {@code threads} threads and registers the subsets as eval
     * tasks, in order; with one thread, indexes them here.
     *
     * @return the number of the first subset's first instance, or -1 when the subsets were indexed here
     */
    private int planShards(List<Subset> subsets, int threads) {
        long hashes = 0;
        for (Subset subset : subsets) {
            checkNgram(subset.ngrams());
            hashes += subset.ngrams().hashCount(subset.instances());
        }
        int bits = threads <= 1 ? 0 : Math.min(MAX_SHARD_BITS, 31 - Integer.numberOfLeadingZeros(threads));
        presize(hashes, bits);
        if (bits == 0) {
            newShard(0);
            subsets.forEach(this::addEvalTask);
            return -1;
        }
        int first = evalInstances;
        for (Subset subset : subsets) {
            int id = startEvalTask(subset.name(), subset.instances().length, null);
            Arrays.fill(evalTaskOfInstance, evalInstances, evalInstances + subset.instances().length, id);
            evalInstances += subset.instances().length;
        }
        return first;
    }

    /** Makes and fills one shard of a planned index with the subsets' hashes, instances numbered from {@code first}. */
    private void fillShard(List<Subset> subsets, int shard, int first) {
        ShardFill fill = new ShardFill(shard, first);
        for (Subset subset : subsets) {
            subset.ngrams().forEachInstance(subset.instances(), fill);
        }
        fill.insert();
    }

    /**
     * Collects one shard's (hash, eval instance) pairs of consecutive eval instances and sets their filter bits; then
     * {@link #insert}s them into the shard in one batch, in slot order.
     */
    private final class ShardFill implements TaskNgrams.InstanceHashes {
        private final int shard;
        private final int shardShift = 63 - shardBits;
        private final LongToIntListMap map;
        private final long[] bits = filter;
        private final int bitShift = filterShift;
        private int instance;
        private long[] keys;
        private int[] values;
        private int pairs;

        ShardFill(int shard, int firstInstance) {
            this.shard = shard;
            this.map = newShard(shard);
            this.instance = firstInstance;
            int expected = (expectedHashes >> shardBits) + (expectedHashes >> (shardBits + 6)) + 64;
            keys = new long[expected];
            values = new int[expected];
        }

        @Override
        public void accept(long[] hashes, int from, int to) {
            if (keys.length < pairs + (to - from)) {
                keys = Arrays.copyOf(keys, Math.max(pairs + (to - from), keys.length * 2));
                values = Arrays.copyOf(values, keys.length);
            }
            for (int h = from; h < to; h++) {
                long hash = hashes[h];
                // as shardOf; the shard's filter bits are its own longs (presize)
                if ((int) ((hash >>> 1) >>> shardShift) == shard) {
                    keys[pairs] = hash;
                    values[pairs++] = instance;
                    bits[(int) (hash >>> bitShift)] |= filterBits(hash);
                }
            }
            instance++;
        }

        void insert() {
            map.addAll(keys, values, pairs);
        }
    }

    /** The shard of {@code hash}: its top {@link #shardBits} bits (0 with one shard; a shift by 64 would be none). */
    private int shardOf(long hash) {
        return (int) ((hash >>> 1) >>> (63 - shardBits));
    }

    private void setFilterBits(long hash) {
        filter[(int) (hash >>> filterShift)] |= filterBits(hash);
    }

    /** Indexes the n-grams of an eval subset; as {@link #addEvalTask(Task, TaskNgrams)}. */
    public void addEvalTask(Subset subset) {
        int id = startEvalTask(subset.name(), subset.instances().length, subset.ngrams());
        subset.ngrams().forEachInstance(subset.instances(), (hashes, from, to) -> indexInstance(id, hashes, from, to));
    }

    /** Indexes an eval task's n-grams. All eval tasks must be added before the first train task. */
    public void addEvalTask(Task task) {
        addEvalTask(task, null);
    }

    /**
     * Indexes an eval task's n-grams, taken from {@code ngrams} (the hashes of a task whose instances include this
     * task's, in order) or, when that is null, hashed here. All eval tasks must be added before the first train task.
     */
    public void addEvalTask(Task task, TaskNgrams ngrams) {
        int id = startEvalTask(task.name(), task.instances().size(), ngrams);
        if (ngrams != null) {
            ngrams.forEachInstance(task, (hashes, from, to) -> indexInstance(id, hashes, from, to));
            return;
        }
        for (Instance instance : task.instances()) {
            int count = TaskNgrams.hashInstance(hasher, instance);
            hasher.copyHashes(buffer(count), 0);
            indexInstance(id, scratch, 0, count);
        }
    }

    /** Registers an eval task of {@code size} instances; its instances are indexed next. */
    private int startEvalTask(String name, int size, TaskNgrams ngrams) {
        if (sealed) {
            throw new IllegalStateException("add every eval task before checking train tasks");
        }
        if (evalIds.containsKey(name)) {
            throw new IllegalArgumentException("eval task " + name + " added twice");
        }
        checkNgram(ngrams);
        int id = evalNames.size();
        evalNames.add(name);
        evalSizes.add(size);
        evalIds.put(name, id);
        if (evalTaskOfInstance.length < evalInstances + size) {
            evalTaskOfInstance = Arrays.copyOf(evalTaskOfInstance, Math.max(evalInstances + size, evalTaskOfInstance.length * 2));
        }
        return id;
    }

    private long[] buffer(int size) {
        if (scratch.length < size) {
            scratch = new long[Math.max(size, scratch.length * 2)];
        }
        return scratch;
    }

    private void indexInstance(int task, long[] hashes, int from, int to) {
        evalTaskOfInstance[evalInstances] = task;
        for (int h = from; h < to; h++) {
            long hash = hashes[h];
            // a filter made up front is filled here; otherwise sealIndex builds it from the keys
            if (shards[shardOf(hash)].add(hash, evalInstances) && filter != null) {
                setFilterBits(hash);
            }
        }
        evalInstances++;
    }

    private void checkNgram(TaskNgrams ngrams) {
        if (ngrams != null && ngrams.ngram() != ngram) {
            throw new IllegalArgumentException("the task's hashes are of " + ngrams.ngram() + "-grams, the check's of " + ngram);
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
        List<FlaggedPair> pairs = scan.check(task, null);
        flagged.addAll(pairs);
        return pairs;
    }

    /**
     * Checks train tasks on {@code threads} threads at once: the eval index is read-only by then, and each thread
     * keeps its own hasher and counters, so the result equals checking them one by one. The n-gram hashing of the
     * train text is most of the check's cost, and it divides evenly over the cores.
     */
    public void checkTrainTasks(List<Task> tasks, int threads) {
        checkTrainTasks(tasks, task -> null, threads);
    }

    /**
     * As {@link #checkTrainTasks(List, int)}, with each train task's n-gram hashes taken from {@code ngrams} (the
     * hashes of a task whose instances include the train task's, in order; null: hash them here).
     */
    public void checkTrainTasks(List<Task> tasks, java.util.function.Function<Task, TaskNgrams> ngrams, int threads) {
        checkAll(tasks, (scan, task) -> {
            TaskNgrams hashes = ngrams.apply(task);
            checkNgram(hashes);
            return scan.check(task, hashes);
        }, threads);
    }

    /** As {@link #checkTrainTasks(List, int)}, for train subsets addressed by position into their hashes. */
    public void checkTrainSubsets(List<Subset> subsets, int threads) {
        checkTrainSubsets(subsets, null, threads);
    }

    /**
     * As {@link #checkTrainSubsets(List, int)}, on the calling thread and {@code pool} (null: a pool made for this
     * call), which should have at least {@code threads - 1} threads; the pool that indexed the eval subsets can check
     * the train subsets too.
     */
    public void checkTrainSubsets(List<Subset> subsets, ExecutorService pool, int threads) {
        checkAll(subsets, this::checkSubset, pool, threads);
    }

    private List<FlaggedPair> checkSubset(TrainScan scan, Subset subset) {
        checkNgram(subset.ngrams());
        return scan.check(subset.name(), s -> subset.ngrams().forEachInstance(subset.instances(), s::lookUp));
    }

    private <T> void checkAll(List<T> tasks, java.util.function.BiFunction<TrainScan, T, List<FlaggedPair>> check, int threads) {
        checkAll(tasks, check, null, threads);
    }

    private <T> void checkAll(List<T> tasks, java.util.function.BiFunction<TrainScan, T, List<FlaggedPair>> check,
                              ExecutorService pool, int threads) {
        sealIndex();
        if (threads <= 1 || tasks.size() < 2) {
            if (scan == null) {
                scan = new TrainScan();
            }
            for (T task : tasks) {
                trainTasks++;
                flagged.addAll(check.apply(scan, task));
            }
            return;
        }
        List<List<FlaggedPair>> results = new ArrayList<>(java.util.Collections.nCopies(tasks.size(), null));
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        inParallel(pool, threads, worker -> {
            TrainScan own = new TrainScan();
            for (int i = next.getAndIncrement(); i < tasks.size(); i = next.getAndIncrement()) {
                results.set(i, check.apply(own, tasks.get(i)));
            }
        });
        trainTasks += tasks.size();
        results.forEach(flagged::addAll);
    }

    /**
     * Runs {@code job} for 0 .. {@code jobs - 1}, job 0 on the calling thread and the others on {@code pool} (null: a
     * pool made for this call), and waits for all of them; the first failure is rethrown, and the jobs not yet done
     * are cancelled. The caller works rather than waits: waking a parked pool thread costs up to a millisecond or two
     * here, a tenth of a phase.
     */
    private static void inParallel(ExecutorService pool, int jobs, IntConsumer job) {
        ExecutorService own = pool != null || jobs < 2 ? null : Executors.newFixedThreadPool(jobs - 1, runnable -> {
            Thread thread = new Thread(runnable, "ngram-overlap");
            thread.setDaemon(true);
            return thread;
        });
        ExecutorService runner = pool != null ? pool : own;
        List<Future<?>> running = new ArrayList<>(jobs);
        try {
            for (int j = 1; j < jobs; j++) {
                int number = j;
                running.add(runner.submit(() -> job.accept(number)));
            }
            job.accept(0);
            for (Future<?> future : running) {
                future.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking n-gram overlap", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } finally {
            running.forEach(future -> future.cancel(true));
            if (own != null) {
                own.shutdownNow();
            }
        }
    }

    /**
     * Ends indexing. Unless the index was sized up front (its filter then filled while indexing), builds the bitset
     * with one bit per (top bits of an) indexed hash, 16 bits per distinct n-gram. Most train n-grams are in no eval
     * task, and the bitset (a few MiB at most) answers "surely not" from cache where the hash table would cost a cache
     * miss per n-gram.
     */
    private void sealIndex() {
        if (sealed) {
            return;
        }
        sealed = true;
        if (filter != null) {
            return;
        }
        makeFilter(indexedNgrams());
        for (LongToIntListMap shard : shards) {
            shard.forEachKey(this::setFilterBits);
        }
    }

    /** Distinct indexed n-gram hashes: a hash is in one shard only. */
    private long indexedNgrams() {
        long keys = 0;
        for (LongToIntListMap shard : shards) {
            keys += shard.size();
        }
        return keys;
    }

    /** The per-thread state of checking train tasks against the sealed index. */
    private final class TrainScan {
        private final NgramHasher ownHasher = new NgramHasher(ngram);
        private final int[] lastTaskOfInstance = new int[evalInstances];
        private final int[] overlapping = new int[evalNames.size()];
        private final long[] bits = filter;
        private final int shift = filterShift;
        private final LongToIntListMap[] maps = shards;
        private final int shardShift = 63 - shardBits;
        private long[] own = new long[1024];
        private int stamp;
        private int train;

        TrainScan() {
            Arrays.fill(lastTaskOfInstance, -1);
        }

        /** Counts the eval instances that share any of {@code hashes[from, to)} with the current train task. */
        private void lookUp(long[] hashes, int from, int to) {
            for (int h = from; h < to; h++) {
                long hash = hashes[h];
                long mask = filterBits(hash);
                if ((bits[(int) (hash >>> shift)] & mask) != mask) {
                    continue;
                }
                LongToIntListMap index = maps[(int) ((hash >>> 1) >>> shardShift)];
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

        List<FlaggedPair> check(Task task, TaskNgrams ngrams) {
            return check(task.name(), scan -> {
                if (ngrams != null) {
                    ngrams.forEachInstance(task, scan::lookUp);
                    return;
                }
                for (Instance instance : task.instances()) {
                    int count = TaskNgrams.hashInstance(ownHasher, instance);
                    if (own.length < count) {
                        own = new long[Math.max(count, own.length * 2)];
                    }
                    ownHasher.copyHashes(own, 0);
                    lookUp(own, 0, count);
                }
            });
        }

        /** Checks one train task whose hashes {@code lookUps} feeds to {@link #lookUp}. */
        List<FlaggedPair> check(String name, java.util.function.Consumer<TrainScan> lookUps) {
            train = stamp++;
            int self = evalIds.getOrDefault(name, -1);
            lookUps.accept(this);
            List<FlaggedPair> pairs = new ArrayList<>();
            for (int eval = 0; eval < overlapping.length; eval++) {
                int shared = overlapping[eval];
                if (shared == 0) {
                    continue;
                }
                overlapping[eval] = 0;
                double fraction = (double) shared / evalSizes.get(eval);
                if (eval != self && fraction > threshold) {
                    pairs.add(new FlaggedPair(name, evalNames.get(eval), shared, evalSizes.get(eval), fraction));
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
        return new LeakageReport(ngram, threshold, trainTasks, evalNames.size(), evalInstances, indexedNgrams(), sorted);
    }
}
