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
import io.imlab.cookbook.split.SplitResult;
import io.imlab.cookbook.split.StableSeeds;
import io.imlab.cookbook.split.ThreeLevelSplitter;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
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

    public BenchBuilder(BenchBuildListener listener) {
        this.listener = listener;
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
        BenchSummary summary = new BenchWriter().write(dir, prepared.name(), prepared.split(), prepared.pools(), provenance);
        return new Result(dir, summary, prepared.leakage(), prepared.renderReports());
    }

    /**
     * A bench ready to write: split, checked for leakage, with what was left out.
     *
     * @param name          the bench name
     * @param split         training tasks and the evaluation levels
     * @param pools         the chain-of-thought, dialogue and plain-text pools
     * @param leakage       the 13-gram overlap report of the split
     * @param dropped       tasks left out by the keyword-collection de-duplication
     * @param capped        tasks cut to the per-task cap
     * @param renderReports PromptSource rendering counts
     */
    public record Prepared(String name, SplitResult split, Map<PoolKind, List<io.imlab.cookbook.task.TextExample>> pools,
                           LeakageReport leakage, List<DroppedTask> dropped, List<CappedTask> capped,
                           List<PromptSourceRenderReport> renderReports) {
    }

    /**
     * Every step of a build but the writing: ingest (or generate), cap, split, overlap check. Public so that the
     * throughput measurement times exactly what a build does.
     *
     * @throws InvalidBenchInputException on bad input
     */
    public Prepared prepare(BenchSpec bench, SplitSpec splits, BenchInputs inputs) {
        Ingested ingested;
        try {
            ingested = BenchSpec.MINI.equals(bench.source()) ? generateMini(bench) : ingest(bench, inputs);
        } catch (IngestException | UnknownCategoryException | InvalidTaxonomyException | SpecValidationException e) {
            throw new InvalidBenchInputException("bad bench input: " + e.getMessage(), e);
        }

        listener.step("capping tasks (at most " + bench.maxInstancesPerTask() + " instances per task"
                + (bench.maxInstancesPerTaskByCollection().isEmpty() ? "" : ", " + bench.maxInstancesPerTaskByCollection()) + ")");
        List<CappedTask> capped = new ArrayList<>();
        List<Task> tasks = new ArrayList<>(ingested.bench.tasks().size());
        for (Task task : ingested.bench.tasks()) {
            tasks.add(cap(task, bench.maxInstancesFor(task.collection()), bench.seed(), capped));
        }

        listener.step("splitting " + tasks.size() + " tasks into training and levels 1-3 (dev/test)");
        SplitResult split;
        try {
            split = new ThreeLevelSplitter().split(tasks, splits);
        } catch (IllegalArgumentException e) {
            throw new InvalidBenchInputException(e.getMessage(), e);
        }

        listener.step("13-gram overlap check of every (train, eval) pair");
        NgramOverlapChecker checker = new NgramOverlapChecker();
        Map<String, TaskNgrams> ngrams = ingested.ngrams;
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            for (Task task : split.evalTasks(level)) {
                checker.addEvalTask(task, ngrams.get(task.name()));
            }
        }
        // the index is read-only by then: the lookups (and the hashing of tasks not hashed at ingest) divide over the cores
        checker.checkTrainTasks(split.trainTasks(), task -> ngrams.get(task.name()), threads());
        LeakageReport leakage = checker.report();
        return new Prepared(ingested.bench.name(), split, ingested.bench.pools(), leakage, ingested.dropped, capped,
                ingested.renderReports);
    }

    /** @param ngrams the n-gram hashes of the tasks hashed while ingesting, by task name (others are hashed by the check) */
    private record Ingested(Bench bench, List<DroppedTask> dropped, List<PromptSourceRenderReport> renderReports,
                            Map<String, TaskNgrams> ngrams) {
    }

    private static int threads() {
        return Math.min(4, Runtime.getRuntime().availableProcessors());
    }

    private Ingested generateMini(BenchSpec bench) {
        listener.step("generating the mini bench");
        try {
            return new Ingested(new MiniBenchGenerator().generate(bench), List.of(), List.of(), Map.of());
        } catch (IllegalArgumentException e) {
            throw new InvalidBenchInputException(e.getMessage(), e);
        }
    }

    private Ingested ingest(BenchSpec bench, BenchInputs inputs) {
        Taxonomy taxonomy = inputs.taxonomy() == null ? Taxonomy.load() : Taxonomy.load(inputs.taxonomy());
        BenchIngest ingest = new BenchIngest(taxonomy);
        List<Path> superNiFiles = inputs.supernaturalTasks() == null ? List.of()
                : SuperNaturalInstructionsReader.taskFiles(inputs.supernaturalTasks());
        int total = superNiFiles.size() + inputs.promptsource().size() + inputs.seq2seq().size() + inputs.cot().size()
                + inputs.dialogue().size() + inputs.plainText().size();
        Map<String, TaskNgrams> ngrams = new HashMap<>();
        long instances = ingestSuperNi(ingest, superNiFiles, total, ngrams);
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
        return new Ingested(result.bench(), dropped, result.renderReports(), ngrams);
    }

    /** A SuperNI file parsed on a worker thread, with its instances' n-gram hashes. */
    private record ParsedFile(SuperNaturalInstructionsReader.Parsed parsed, TaskNgrams ngrams) {
    }

    /**
     * Adds the SuperNI files to {@code ingest}, parsed on {@link #threads()} threads; each task's n-grams are hashed
     * on the thread that parsed it, right after parsing, while its text is still in cache (the check hashes every
     * kept character, and that costs more than the parse when the text has to come back from memory), and each
     * input's {@link String#hashCode} is computed there too (strings cache it; the level-3 split's set of inputs
     * reuses it). Tasks are added in file order, one at a time, so categories resolve and problems report exactly as
     * reading the files one by one would: the first bad file in file order fails the build.
     *
     * @return the number of SuperNI instances
     */
    private long ingestSuperNi(BenchIngest ingest, List<Path> files, int total, Map<String, TaskNgrams> ngrams) {
        ExecutorService pool = Executors.newFixedThreadPool(threads(), runnable -> {
            Thread thread = new Thread(runnable, "bench-ingest");
            thread.setDaemon(true);
            return thread;
        });
        ThreadLocal<NgramHasher> hashers = ThreadLocal.withInitial(() -> new NgramHasher(NgramOverlapChecker.DEFAULT_NGRAM));
        try {
            List<Future<ParsedFile>> results = new ArrayList<>(files.size());
            for (Path file : files) {
                results.add(pool.submit(() -> {
                    SuperNaturalInstructionsReader.Parsed parsed = ingest.parseSuperNaturalInstructionsTask(file);
                    Task task = parsed.unresolvedTask();
                    for (Instance instance : task.instances()) {
                        instance.input().hashCode();
                    }
                    return new ParsedFile(parsed, TaskNgrams.of(task, hashers.get()));
                }));
            }
            long instances = 0;
            for (int i = 0; i < files.size(); i++) {
                ParsedFile parsed = await(results.get(i));
                Task task = ingest.addParsedSuperNaturalInstructionsTask(parsed.parsed(), files.get(i));
                ngrams.put(task.name(), parsed.ngrams());
                instances += task.instances().size();
                listener.ingested(i + 1, total, files.get(i), instances);
            }
            return instances;
        } finally {
            pool.shutdownNow();
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
        int size = task.instances().size();
        if (size <= max) {
            return task;
        }
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        Random random = new Random(StableSeeds.derive(seed, "task-cap", task.name()));
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        int[] kept = java.util.Arrays.copyOf(order, max);
        java.util.Arrays.sort(kept);
        List<Instance> instances = new ArrayList<>(max);
        for (int index : kept) {
            instances.add(task.instances().get(index));
        }
        capped.add(new CappedTask(task.name(), task.collection(), size, max));
        return task.withInstances(instances);
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
