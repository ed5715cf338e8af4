package io.imlab.cookbook.bench;

import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cookbook.ingest.BenchIngest;
import io.imlab.cookbook.ingest.IngestException;
import io.imlab.cookbook.ingest.PromptSourceRenderReport;
import io.imlab.cookbook.ingest.Seq2SeqTaskDescriptor;
import io.imlab.cookbook.ingest.SuperNaturalInstructionsReader;
import io.imlab.cookbook.leakage.LeakageReport;
import io.imlab.cookbook.leakage.NgramHasher;
import io.imlab.cookbook.leakage.NgramOverlapChecker;
import io.imlab.cookbook.leakage.TaskNgrams;
import io.imlab.cookbook.spec.BenchInputs;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.SpecValidationException;
import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.split.SplitPlan;
import io.imlab.cookbook.split.SplitResult;
import io.imlab.cookbook.split.StableSeeds;
import io.imlab.cookbook.split.TaskOutline;
import io.imlab.cookbook.split.ThreeLevelSplitter;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.InvalidTaxonomyException;
import io.imlab.cookbook.taxonomy.Taxonomy;
import io.imlab.cookbook.taxonomy.UnknownCategoryException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Builds a bench folder from a bench and a split spec: the one code path behind the BuildBench activity and
 * {@code imlab bench build}, for the mini generator and the real collections alike:
 * <ol>
 *   <li>ingest every collection file into the unified task model (or generate the mini bench), with the
 *       keyword-collection de-duplication of OPT-IML §2.1;</li>
 *   <li>cap each task's instances by a seeded random sample (100k, FLAN 30k: §2.2);</li>
 *   <li>split into training tasks and the three levels, each level into dev and test (§2.3, §2.4);</li>
 *   <li>run the 13-gram overlap check of every (train, eval) pair of the split (§2.3);</li>
 *   <li>write the bench into a temporary sibling folder ({@code bench.json} last) and move it into place,
 *       so a failure at any step leaves no bench at all.</li>
 * </ol>
 * A bench is named by {@link #contentHash}: the bytes of every input file (never their paths), the specs and
 * the format.
 */
public final class BenchBuilder {
    /** Name of a bench built from the real collections. */
    public static final String COLLECTIONS_BENCH_NAME = "opt-iml-bench";

    private final BenchBuildListener listener;
    private final boolean twoPass;

    /** A builder that reads SuperNI files in two passes (split on hashes, tasks read again one at a time to write). */
    public BenchBuilder(BenchBuildListener listener) {
        this(listener, true);
    }

    private BenchBuilder(BenchBuildListener listener, boolean twoPass) {
        this.listener = listener;
        this.twoPass = twoPass;
    }

    /**
     * A builder that reads every SuperNI task into memory before the split, as builds did before the two-pass
     * read: the same bench, for comparisons (of the result, of memory) with {@link #BenchBuilder(BenchBuildListener)}.
     */
    public static BenchBuilder inMemory(BenchBuildListener listener) {
        return new BenchBuilder(listener, false);
    }

    public BenchBuilder() {
        this(BenchBuildListener.SILENT);
    }

    /**
     * What a build produced.
     *
     * @param dir           the bench folder
     * @param summary       its {@code bench.json}
     * @param leakage       the 13-gram overlap report (also in {@code leakage.json})
     * @param renderReports PromptSource rendering counts, one per dataset
     */
    public record Result(Path dir, BenchSummary summary, LeakageReport leakage, List<PromptSourceRenderReport> renderReports) {
        public Result {
            renderReports = List.copyOf(renderReports);
        }
    }

    /**
     * The content hash that names the bench: the format, the bench spec without its paths, the split spec,
     * and the SHA-256 of every input file's bytes under its role (and, inside a SuperNI folder, its file name,
     * which is the task's name). Moving the data elsewhere keeps the hash; changing one byte changes it.
     *
     * @throws InvalidBenchInputException when a seq2seq descriptor (which names its data file) cannot be read
     */
    public static String contentHash(BenchSpec bench, SplitSpec splits, BenchInputs inputs) {
        Map<String, Object> benchView = new LinkedHashMap<>();
        benchView.put("source", bench.source());
        benchView.put("seed", bench.seed());
        if (BenchSpec.MINI.equals(bench.source())) {
            benchView.put("tasksPerFamily", bench.tasksPerFamily());
            benchView.put("instancesPerTask", bench.instancesPerTask());
        }
        benchView.put("cotAsTasks", bench.collections().cotAsTasks());
        benchView.put("maxInstancesPerTask", bench.maxInstancesPerTask());
        benchView.put("maxInstancesPerTaskByCollection", bench.maxInstancesPerTaskByCollection());
        List<Map<String, Object>> files = new ArrayList<>();
        if (inputs.supernaturalTasks() != null) {
            for (Path file : SuperNaturalInstructionsReader.taskFiles(inputs.supernaturalTasks())) {
                files.add(digest("supernatural", file.getFileName().toString(), file));
            }
        }
        for (int i = 0; i < inputs.promptsource().size(); i++) {
            BenchInputs.PromptSourceFiles dataset = inputs.promptsource().get(i);
            Map<String, Object> templates = digest("promptsource[" + i + "].templates", "", dataset.templates());
            templates.put("originalTaskOnly", dataset.originalTaskOnly());
            files.add(templates);
            files.add(digest("promptsource[" + i + "].rows", "", dataset.rows()));
        }
        for (int i = 0; i < inputs.seq2seq().size(); i++) {
            Path descriptor = inputs.seq2seq().get(i);
            files.add(digest("seq2seq[" + i + "]", "", descriptor));
            try {
                files.add(digest("seq2seq[" + i + "].data", "", Seq2SeqTaskDescriptor.read(descriptor).data()));
            } catch (IngestException e) {
                throw new InvalidBenchInputException("cannot read a seq2seq descriptor: " + e.getMessage(), e);
            }
        }
        addAll(files, "cot", inputs.cot());
        addAll(files, "pools.dialogue", inputs.dialogue());
        addAll(files, "pools.plainText", inputs.plainText());
        if (inputs.taxonomy() != null) {
            files.add(digest("taxonomy", "", inputs.taxonomy()));
        } else if (BenchSpec.COLLECTIONS.equals(bench.source())) {
            files.add(Map.of("role", "taxonomy", "sha256", shippedTaxonomyDigest()));
        }
        return ContentHash.of(BenchWriter.FORMAT, benchView, splits, files);
    }

    /**
     * Builds the bench into {@code outDir}, which must be missing or empty. Nothing appears at {@code outDir}
     * unless the whole build succeeds.
     *
     * @param hash the bench's {@link #contentHash}, recorded in {@code bench.json}
     * @throws InvalidBenchInputException on bad input (files, categories, split against the data), listing
     *                                    every problem found
     */
    public Result build(BenchSpec bench, SplitSpec splits, BenchInputs inputs, String hash, Path outDir) {
        Path target = outDir.toAbsolutePath().normalize();
        checkTarget(target);
        Path partial = target.resolveSibling("." + target.getFileName() + ".partial-" + UUID.randomUUID());
        boolean done = false;
        try {
            Result result = buildInto(bench, splits, inputs, hash, partial);
            moveIntoPlace(partial, target);
            done = true;
            return new Result(target, result.summary(), result.leakage(), result.renderReports());
        } finally {
            if (!done) {
                deleteRecursively(partial);
            }
        }
    }

    private Result buildInto(BenchSpec bench, SplitSpec splits, BenchInputs inputs, String hash, Path dir) {
        Prepared prepared = prepare(bench, splits, inputs);
        listener.step("writing the bench");
        BenchProvenance provenance = new BenchProvenance(hash, bench.source(), prepared.dropped(), prepared.capped(),
                prepared.leakage());
        BenchSummary summary = new BenchWriter().write(dir, prepared.name(), prepared.plan(), prepared.tasks(), prepared.pools(),
                provenance);
        return new Result(dir, summary, prepared.leakage(), prepared.renderReports());
    }

    /**
     * A bench ready to write: split (as a plan over instance positions), checked for leakage, with what was left out.
     * A two-pass build holds no task here: {@code tasks} reads each SuperNI task's file again when it is written.
     *
     * @param name          the bench name
     * @param plan          training tasks and the evaluation levels, as positions into each task's capped instances
     * @param tasks         loads a task with its capped instances, in the order the plan's positions refer to
     * @param pools         the chain-of-thought, dialogue and plain-text pools
     * @param leakage       the 13-gram overlap report of the split
     * @param dropped       tasks left out by the keyword-collection de-duplication
     * @param capped        tasks cut to the per-task cap
     * @param renderReports PromptSource rendering counts
     */
    public record Prepared(String name, SplitPlan plan, BenchWriter.TaskLoader tasks,
                           Map<PoolKind, List<io.imlab.cookbook.task.TextExample>> pools, LeakageReport leakage,
                           List<DroppedTask> dropped, List<CappedTask> capped, List<PromptSourceRenderReport> renderReports) {

        /** The plan applied to every task, all loaded at once (memory: the whole split bench; for tests and small benches). */
        public SplitResult split() {
            Map<String, Task> loaded = new HashMap<>();
            java.util.function.Function<SplitPlan.Part, Task> apply = part ->
                    ThreeLevelSplitter.apply(loaded.computeIfAbsent(part.task(), tasks::load), part);
            List<Task> train = plan.trainTasks().stream().map(apply).toList();
            Map<GeneralizationLevel, List<Task>> eval = new java.util.EnumMap<>(GeneralizationLevel.class);
            for (GeneralizationLevel level : GeneralizationLevel.values()) {
                eval.put(level, plan.evalTasks(level).stream().map(apply).toList());
            }
            return new SplitResult(train, eval, plan.excludedTasks(), plan.testTasks());
        }
    }

    /**
     * Every step of a build but the writing: ingest (or generate), cap, split, overlap check. Public so that the
     * throughput measurement times exactly what a build does.
     *
     * <p>SuperNI files are read in two passes unless this builder was made {@link #inMemory}: here a streaming pass
     * keeps per task its {@link TaskOutline} (names, source, two hashes per input) and its instances' n-gram hashes,
     * and the split and the check run on those; the writer reads each kept task's file again. Tasks of the other
     * collections (PromptSource renders, seq2seq exports, CoT tasks) and the mini bench are read into memory and
     * outlined, and go through the same split and check.
     *
     * @throws InvalidBenchInputException on bad input
     */
    public Prepared prepare(BenchSpec bench, SplitSpec splits, BenchInputs inputs) {
        // one pool for the parallel steps (the scan, the overlap check): its threads are started once per build
        ExecutorService pool = newPool("bench-build");
        try {
            return prepare(bench, splits, inputs, pool);
        } finally {
            pool.shutdownNow();
        }
    }

    private Prepared prepare(BenchSpec bench, SplitSpec splits, BenchInputs inputs, ExecutorService pool) {
        Ingested ingested;
        try {
            ingested = BenchSpec.MINI.equals(bench.source()) ? generateMini(bench) : ingest(bench, inputs, pool);
        } catch (IngestException | UnknownCategoryException | InvalidTaxonomyException | SpecValidationException e) {
            throw new InvalidBenchInputException("bad bench input: " + e.getMessage(), e);
        }

        listener.step("capping tasks (at most " + bench.maxInstancesPerTask() + " instances per task"
                + (bench.maxInstancesPerTaskByCollection().isEmpty() ? "" : ", " + bench.maxInstancesPerTaskByCollection()) + ")");
        List<CappedTask> capped = new ArrayList<>();
        List<TaskOutline> outlines = new ArrayList<>(ingested.tasks.size());
        Map<String, TaskEntry> entries = new HashMap<>();
        for (TaskEntry entry : ingested.tasks) {
            TaskOutline outline = entry.outline;
            int[] kept = capIndices(outline.name(), outline.size(), bench.maxInstancesFor(outline.collection()), bench.seed());
            if (kept != null) {
                capped.add(new CappedTask(outline.name(), outline.collection(), outline.size(), kept.length));
                entry = entry.capped(kept);
            }
            outlines.add(kept == null ? outline : outline.select(kept));
            entries.put(outline.name(), entry);
        }

        listener.step("splitting " + outlines.size() + " tasks into training and levels 1-3 (dev/test)");
        SplitPlan plan;
        try {
            plan = new ThreeLevelSplitter().plan(outlines, splits);
        } catch (IllegalArgumentException e) {
            throw new InvalidBenchInputException(e.getMessage(), e);
        }

        listener.step("13-gram overlap check of every (train, eval) pair: indexing the eval tasks");
        NgramOverlapChecker checker = new NgramOverlapChecker();
        List<NgramOverlapChecker.Subset> eval = new ArrayList<>();
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            for (SplitPlan.Part part : plan.evalTasks(level)) {
                eval.add(entries.get(part.task()).subset(part));
            }
        }
        List<NgramOverlapChecker.Subset> train = plan.trainTasks().stream().map(part -> entries.get(part.task()).subset(part)).toList();
        // One parallel region for both phases: the index is sharded by hash bits, each shard filled in the
        // sequential order, then the lookups (the index is read-only by then) divide over the same threads.
        checker.checkSubsets(eval, train, pool, threads(),
                () -> listener.step("13-gram overlap check: train tasks against the eval index"));
        LeakageReport leakage = checker.report();
        // what the writer needs: how to load each task; the n-gram hashes are let go
        Map<String, TaskEntry> loadable = new HashMap<>();
        entries.forEach((name, entry) -> loadable.put(name, entry.withoutNgrams()));
        SuperNaturalInstructionsReader reader = ingested.taxonomy == null ? null
                : new SuperNaturalInstructionsReader(new CategoryResolver(ingested.taxonomy));
        BenchWriter.TaskLoader loader = name -> loadable.get(name).load(reader);
        return new Prepared(ingested.name, plan, loader, ingested.pools, leakage, ingested.dropped, capped,
                ingested.renderReports);
    }

    /**
     * One task of a build: its outline and n-gram hashes (before the per-task cap), the cap's kept positions, and the
     * task itself when it is held in memory, else its file (read again when written).
     */
    private record TaskEntry(TaskOutline outline, TaskNgrams ngrams, int[] kept, Task task, Path file) {
        TaskEntry capped(int[] positions) {
            return new TaskEntry(outline, ngrams, positions, task, file);
        }

        TaskEntry withoutNgrams() {
            return new TaskEntry(outline, null, kept, task, file);
        }

        /** The position in the uncapped task of the capped task's instance {@code i}. */
        private int uncapped(int i) {
            return kept == null ? i : kept[i];
        }

        /** The part's instances for the overlap check, by position into the uncapped task's hashes. */
        NgramOverlapChecker.Subset subset(SplitPlan.Part part) {
            int[] positions = part.instances().clone();
            for (int i = 0; i < positions.length; i++) {
                positions[i] = uncapped(positions[i]);
            }
            return new NgramOverlapChecker.Subset(outline.name(), ngrams, positions);
        }

        /**
         * The task with its capped instances: held, or read again from its file and checked against the outline the
         * split was made on (a file changed in between fails the build rather than write a bench the split never saw).
         */
        Task load(SuperNaturalInstructionsReader reader) {
            Task full = task != null ? task : reader.read(file);
            if (task == null) {
                boolean same = full.instances().size() == outline.size() && full.category().equals(outline.category())
                        && full.dataSource().equals(outline.dataSource());
                for (int i = 0; same && i < outline.size(); i++) {
                    same = full.instances().get(i).input().hashCode() == outline.inputHashes()[i];
                }
                if (!same) {
                    throw new InvalidBenchInputException("SuperNI task file " + file + " changed while the bench was built; "
                            + "build again", null);
                }
            }
            if (kept == null) {
                return full;
            }
            List<Instance> instances = new ArrayList<>(kept.length);
            for (int position : kept) {
                instances.add(full.instances().get(position));
            }
            return full.withInstances(instances);
        }
    }

    /**
     * What ingest produced: every task in bench order, the pools, and the taxonomy that a second read of the SuperNI
     * files resolves categories with (null for the mini bench).
     */
    private record Ingested(String name, List<TaskEntry> tasks, Map<PoolKind, List<io.imlab.cookbook.task.TextExample>> pools,
                            List<DroppedTask> dropped, List<PromptSourceRenderReport> renderReports, Taxonomy taxonomy) {
    }

    private static int threads() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    /** A pool of {@link #threads()} daemon threads named {@code name}. */
    private static ExecutorService newPool(String name) {
        return Executors.newFixedThreadPool(threads(), runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    private Ingested generateMini(BenchSpec bench) {
        listener.step("generating the mini bench");
        Bench generated;
        try {
            generated = new MiniBenchGenerator().generate(bench);
        } catch (IllegalArgumentException e) {
            throw new InvalidBenchInputException(e.getMessage(), e);
        }
        return new Ingested(generated.name(), held(generated.tasks()), generated.pools(), List.of(), List.of(), null);
    }

    /** Entries of tasks held in memory, outlined and hashed here. */
    private static List<TaskEntry> held(List<Task> tasks) {
        NgramHasher hasher = new NgramHasher(NgramOverlapChecker.DEFAULT_NGRAM);
        List<TaskEntry> entries = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            entries.add(new TaskEntry(TaskOutline.of(task), TaskNgrams.of(task, hasher), null, task, null));
        }
        return entries;
    }

    private Ingested ingest(BenchSpec bench, BenchInputs inputs, ExecutorService pool) {
        Taxonomy taxonomy = inputs.taxonomy() == null ? Taxonomy.load() : Taxonomy.load(inputs.taxonomy());
        BenchIngest ingest = new BenchIngest(taxonomy);
        List<Path> superNiFiles = inputs.supernaturalTasks() == null ? List.of()
                : SuperNaturalInstructionsReader.taskFiles(inputs.supernaturalTasks());
        int total = superNiFiles.size() + inputs.promptsource().size() + inputs.seq2seq().size() + inputs.cot().size()
                + inputs.dialogue().size() + inputs.plainText().size();
        Map<String, TaskNgrams> ngrams = new HashMap<>();
        Map<String, Path> files = new HashMap<>();
        long instances = twoPass ? scanSuperNi(ingest, superNiFiles, total, ngrams, files, pool)
                : ingestSuperNi(ingest, superNiFiles, total, ngrams, pool);
        int done = superNiFiles.size();
        for (BenchInputs.PromptSourceFiles dataset : inputs.promptsource()) {
            ingest.addPromptSource(dataset.templates(), dataset.rows(), dataset.originalTaskOnly());
            listener.ingested(++done, total, dataset.templates(), instances);
        }
        for (Path descriptor : inputs.seq2seq()) {
            ingest.addSeq2SeqExport(descriptor);
            listener.ingested(++done, total, descriptor, instances);
        }
        for (Path file : inputs.cot()) {
            ingest.addChainOfThought(file, bench.collections().cotAsTasks());
            listener.ingested(++done, total, file, instances);
        }
        for (Path file : inputs.dialogue()) {
            ingest.addPool(PoolKind.DIALOGUE, file);
            listener.ingested(++done, total, file, instances);
        }
        for (Path file : inputs.plainText()) {
            ingest.addPool(PoolKind.PLAIN_TEXT, file);
            listener.ingested(++done, total, file, instances);
        }
        BenchIngest.Result result = ingest.build(COLLECTIONS_BENCH_NAME);
        List<DroppedTask> dropped = result.dropped().stream()
                .map(d -> new DroppedTask(d.task(), d.collection(), d.dataSource(),
                        "keyword-collection task whose data source also appears in " + String.join(", ", d.alsoIn())))
                .toList();
        // bench order: the outlined SuperNI tasks were added first, then the tasks held in memory
        List<TaskEntry> entries = new ArrayList<>();
        for (TaskOutline outline : result.outlines()) {
            entries.add(new TaskEntry(outline, ngrams.get(outline.name()), null, null, files.get(outline.name())));
        }
        NgramHasher hasher = new NgramHasher(NgramOverlapChecker.DEFAULT_NGRAM);
        for (Task task : result.bench().tasks()) {
            TaskNgrams hashed = ngrams.get(task.name());
            entries.add(new TaskEntry(TaskOutline.of(task), hashed != null ? hashed : TaskNgrams.of(task, hasher), null, task, null));
        }
        return new Ingested(result.bench().name(), entries, result.bench().pools(), dropped, result.renderReports(), taxonomy);
    }

    /**
     * The first pass over the SuperNI files, on {@link #threads()} threads: each file is scanned (checked as a full
     * read checks it; per instance two input hashes and the n-gram hashes of its instantiated sequence, hashed from
     * the parser's buffer) and nothing of its text is kept. Tasks are added in file order, one at a time, so categories
     * resolve and problems report exactly as reading the files one by one would: the first bad file in file order fails
     * the build.
     *
     * @return the number of SuperNI instances
     */
    private long scanSuperNi(BenchIngest ingest, List<Path> files, int total, Map<String, TaskNgrams> ngrams,
                             Map<String, Path> paths, ExecutorService pool) {
        ThreadLocal<NgramHasher> hashers = ThreadLocal.withInitial(() -> new NgramHasher(NgramOverlapChecker.DEFAULT_NGRAM));
        return inParallel(pool, files, file -> ingest.scanSuperNaturalInstructionsTask(file, hashers.get()), (scanned, file) -> {
            TaskOutline outline = ingest.addScannedSuperNaturalInstructionsTask(scanned, file);
            ngrams.put(outline.name(), scanned.ngrams());
            paths.put(outline.name(), file);
            return outline.size();
        }, total);
    }

    /**
     * The SuperNI files read into memory (a builder made {@link #inMemory}), parsed on {@link #threads()} threads;
     * each task's n-grams are hashed on the thread that parsed it, right after parsing, while its text is still in
     * cache. Tasks are added in file order, one at a time, as {@link #scanSuperNi} does.
     *
     * @return the number of SuperNI instances
     */
    private long ingestSuperNi(BenchIngest ingest, List<Path> files, int total, Map<String, TaskNgrams> ngrams,
                               ExecutorService pool) {
        ThreadLocal<NgramHasher> hashers = ThreadLocal.withInitial(() -> new NgramHasher(NgramOverlapChecker.DEFAULT_NGRAM));
        return inParallel(pool, files, file -> {
            SuperNaturalInstructionsReader.Parsed parsed = ingest.parseSuperNaturalInstructionsTask(file);
            return new ParsedFile(parsed, TaskNgrams.of(parsed.unresolvedTask(), hashers.get()));
        }, (parsed, file) -> {
            Task task = ingest.addParsedSuperNaturalInstructionsTask(parsed.parsed(), file);
            ngrams.put(task.name(), parsed.ngrams());
            return task.instances().size();
        }, total);
    }

    /** A SuperNI file parsed on a worker thread, with its instances' n-gram hashes. */
    private record ParsedFile(SuperNaturalInstructionsReader.Parsed parsed, TaskNgrams ngrams) {
    }

    /**
     * Reads {@code files} with {@code read} on the pool's threads and hands each result to {@code add} in file order.
     * A failure cancels the reads not yet started.
     */
    private <T> long inParallel(ExecutorService pool, List<Path> files, java.util.function.Function<Path, T> read,
                                java.util.function.BiFunction<T, Path, Integer> add, int total) {
        List<Future<T>> results = new ArrayList<>(java.util.Collections.nCopies(files.size(), null));
        try {
            // the largest files first, so that no worker is left with a large file while the others are idle at the end
            // (the results are still taken in file order)
            Integer[] bySize = new Integer[files.size()];
            long[] sizes = new long[files.size()];
            for (int i = 0; i < bySize.length; i++) {
                bySize[i] = i;
                sizes[i] = sizeOf(files.get(i));
            }
            java.util.Arrays.sort(bySize, Comparator.comparingLong((Integer i) -> sizes[i]).reversed());
            for (int i : bySize) {
                Path file = files.get(i);
                results.set(i, pool.submit(() -> read.apply(file)));
            }
            long instances = 0;
            for (int i = 0; i < files.size(); i++) {
                T result = await(results.get(i));
                results.set(i, null);
                instances += add.apply(result, files.get(i));
                listener.ingested(i + 1, total, files.get(i), instances);
            }
            return instances;
        } finally {
            for (Future<T> result : results) {
                if (result != null) {
                    result.cancel(true);
                }
            }
        }
    }

    /** A file's size, or 0 when it cannot be read (reading it then reports the problem). */
    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static <T> T await(Future<T> result) {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while ingesting", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * At most {@code max} instances per task, as a seeded random sample in the original order (OPT-IML §2.2:
     * "at most 100k examples per task (random sample), except FLAN at 30k").
     */
    static Task cap(Task task, int max, long seed, List<CappedTask> capped) {
        int[] kept = capIndices(task.name(), task.instances().size(), max, seed);
        if (kept == null) {
            return task;
        }
        List<Instance> instances = new ArrayList<>(max);
        for (int index : kept) {
            instances.add(task.instances().get(index));
        }
        capped.add(new CappedTask(task.name(), task.collection(), task.instances().size(), max));
        return task.withInstances(instances);
    }

    /** The positions {@link #cap} keeps of a task of {@code size} instances, increasing; null when it keeps them all. */
    static int[] capIndices(String taskName, int size, int max, long seed) {
        if (size <= max) {
            return null;
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(StableSeeds.derive(seed, "task-cap", taskName));
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] kept = java.util.Arrays.copyOf(order, max);
        java.util.Arrays.sort(kept);
        return kept;
    }

    private static void checkTarget(Path target) {
        if (Files.exists(target)) {
            try (Stream<Path> children = Files.list(target)) {
                if (children.findAny().isPresent()) {
                    throw new IllegalArgumentException("bench folder " + target + " is not empty; build into a new folder");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + target, e);
            }
        }
    }

    private static void moveIntoPlace(Path partial, Path target) {
        try {
            Files.createDirectories(target.getParent());
            Files.deleteIfExists(target);   // an empty folder, as checkTarget made sure
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the built bench into " + target, e);
        }
    }

    /** Removes a folder tree; used to clean up a failed build, so a failure inside it is reported, not hidden. */
    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the partial bench " + dir, e);
        }
    }

    private static void addAll(List<Map<String, Object>> files, String role, List<Path> paths) {
        for (int i = 0; i < paths.size(); i++) {
            files.add(digest(role + "[" + i + "]", "", paths.get(i)));
        }
    }

    private static Map<String, Object> digest(String role, String name, Path file) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("role", role);
        if (!name.isEmpty()) {
            entry.put("name", name);
        }
        try (InputStream in = Files.newInputStream(file)) {
            entry.put("sha256", sha256(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read input file " + file, e);
        }
        return entry;
    }

    private static String shippedTaxonomyDigest() {
        try (InputStream map = BenchBuilder.class.getResourceAsStream(Taxonomy.CATEGORY_MAP_RESOURCE);
             InputStream base = BenchBuilder.class.getResourceAsStream(Taxonomy.BASE_CATEGORIES_RESOURCE)) {
            return sha256(map) + sha256(base);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the shipped taxonomy", e);
        }
    }

    private static String sha256(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
