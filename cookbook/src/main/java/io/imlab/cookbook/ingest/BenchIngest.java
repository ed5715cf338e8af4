package io.imlab.cookbook.ingest;

import io.imlab.cookbook.bench.Bench;
import io.imlab.cookbook.leakage.DataSourceDeduplicator;
import io.imlab.cookbook.leakage.NgramHasher;
import io.imlab.cookbook.split.TaskOutline;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;
import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.Taxonomy;
import io.imlab.cookbook.taxonomy.UnknownCategoryException;
import io.imlab.cookbook.taxonomy.UnknownTag;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a {@link Bench} from the collections' published formats: each {@code add…} call reads one
 * source with its adapter; {@link #build} then checks the whole bench and applies source-level
 * de-duplication (OPT-IML §2.1).
 *
 * <p>{@link #build} fails, listing every problem at once, when two tasks share a name or when any category
 * tag is unknown to the taxonomy; so a build yields a complete bench or nothing. Bad input in a single file
 * fails at once, in the {@code add…} call, naming file and field.
 *
 * <p>Not thread-safe; one instance per build.
 */
public final class BenchIngest {
    private final CategoryResolver categories;
    private final SuperNaturalInstructionsReader superNaturalInstructions;
    private final Seq2SeqExportReader seq2seq;
    private final List<Task> tasks = new ArrayList<>();
    private final List<TaskOutline> outlines = new ArrayList<>();
    private final Map<String, String> taskOrigins = new HashMap<>();
    private final List<IngestProblem> duplicates = new ArrayList<>();
    private final Map<PoolKind, List<TextExample>> pools = new EnumMap<>(PoolKind.class);
    private final List<PromptSourceRenderReport> renderReports = new ArrayList<>();

    public BenchIngest(Taxonomy taxonomy) {
        this.categories = new CategoryResolver(taxonomy);
        this.superNaturalInstructions = new SuperNaturalInstructionsReader(categories);
        this.seq2seq = new Seq2SeqExportReader(categories);
    }

    /**
     * The outcome of a build.
     *
     * @param bench         the tasks kept and the pools
     * @param dropped       keyword-collection tasks dropped because their data source appears elsewhere
     * @param renderReports one per PromptSource dataset: rendered and skipped (template, row) pairs
     * @param outlines      the tasks added as outlines ({@link #addScannedSuperNaturalInstructionsTask}) and kept; they
     *                      come before {@code bench}'s tasks, in the order added
     */
    public record Result(Bench bench, List<DataSourceDeduplicator.DroppedTask> dropped,
            List<PromptSourceRenderReport> renderReports, List<TaskOutline> outlines) {
        public Result {
            dropped = List.copyOf(dropped);
            renderReports = List.copyOf(renderReports);
            outlines = List.copyOf(outlines);
        }
    }

    /** Every {@code taskNNN_*.json} of a Super-NaturalInstructions task folder. */
    public BenchIngest addSuperNaturalInstructions(Path taskFolder) {
        for (Path file : SuperNaturalInstructionsReader.taskFiles(taskFolder)) {
            add(superNaturalInstructions.read(file), file.toString());
        }
        return this;
    }

    /** One Super-NaturalInstructions task file (for callers that report progress file by file). */
    public Task addSuperNaturalInstructionsTask(Path taskFile) {
        Task task = superNaturalInstructions.read(taskFile);
        add(task, taskFile.toString());
        return task;
    }

    /**
     * Parses one Super-NaturalInstructions task file without adding it; safe to call from several threads at once,
     * so a build can parse files in parallel and then {@link #addParsedSuperNaturalInstructionsTask add} them in
     * file order.
     */
    public SuperNaturalInstructionsReader.Parsed parseSuperNaturalInstructionsTask(Path taskFile) {
        return superNaturalInstructions.parse(taskFile);
    }

    /** Adds a task parsed by {@link #parseSuperNaturalInstructionsTask}, resolving its category; as {@link #addSuperNaturalInstructionsTask}. */
    public Task addParsedSuperNaturalInstructionsTask(SuperNaturalInstructionsReader.Parsed parsed, Path taskFile) {
        Task task = superNaturalInstructions.resolve(parsed);
        add(task, taskFile.toString());
        return task;
    }

    /**
     * Scans one Super-NaturalInstructions task file (the first pass of a two-pass build: hashes, no instance text);
     * safe to call from several threads at once, each with its own hasher.
     */
    public SuperNaturalInstructionsReader.Scanned scanSuperNaturalInstructionsTask(Path taskFile, NgramHasher hasher) {
        return superNaturalInstructions.scan(taskFile, hasher);
    }

    /**
     * Adds a task scanned by {@link #scanSuperNaturalInstructionsTask} as its outline, resolving its category; checked
     * for a duplicate name and de-duplicated like every other task, but its instances are never held.
     */
    public TaskOutline addScannedSuperNaturalInstructionsTask(SuperNaturalInstructionsReader.Scanned scanned, Path taskFile) {
        TaskOutline outline = superNaturalInstructions.outline(scanned);
        if (register(outline.name(), taskFile.toString())) {
            outlines.add(outline);
        }
        return outline;
    }

    /** One PromptSource dataset: its {@code templates.yaml} rendered over its rows. */
    public BenchIngest addPromptSource(Path templatesYaml, Path rowsJsonl, boolean originalTaskOnly) {
        PromptSourceReader.Result result = new PromptSourceReader(categories, originalTaskOnly).read(templatesYaml, rowsJsonl);
        add(result.task(), templatesYaml.toString());
        renderReports.add(result.report());
        return this;
    }

    /** One task exported in metaseq's src/tgt layout, described by its YAML descriptor. */
    public BenchIngest addSeq2SeqExport(Path descriptorYaml) {
        add(seq2seq.read(descriptorYaml), descriptorYaml.toString());
        return this;
    }

    /**
     * Chain-of-thought examples from a GSM8K JSONL ({@code .jsonl}) or a FLAN v2 CoT TSV ({@code .tsv}) into
     * the CoT pool and, when {@code asTask} is set, also as a reasoning-collection task named
     * {@code cot_<file stem>} with the file stem as data source and tag.
     */
    public BenchIngest addChainOfThought(Path file, boolean asTask) {
        String fileName = file.getFileName().toString();
        List<TextExample> examples = fileName.endsWith(".tsv")
                ? ChainOfThoughtReader.readFlanCotTsv(file)
                : ChainOfThoughtReader.readGsm8k(file);
        pools.computeIfAbsent(PoolKind.COT, k -> new ArrayList<>()).addAll(examples);
        if (asTask) {
            String stem = fileName.replaceFirst("\\.[^.]+$", "").replaceFirst("_(train|test|dev|validation)$", "");
            String source = file.getParent() != null && (stem.equals("test") || stem.equals("train"))
                    ? file.getParent().getFileName().toString() : stem;
            add(ChainOfThoughtReader.asTask("cot_" + source, source, source, file.toString(), examples, categories),
                    file.toString());
        }
        return this;
    }

    /** Dialogue or plain-text examples for a recipe's pools. */
    public BenchIngest addPool(PoolKind kind, Path jsonl) {
        pools.computeIfAbsent(kind, k -> new ArrayList<>()).addAll(TextPoolReader.read(jsonl, kind));
        return this;
    }

    /** A task read elsewhere (e.g. streamed by a reader), checked like the others. */
    public BenchIngest add(Task task, String origin) {
        if (register(task.name(), origin)) {
            tasks.add(task);
        }
        return this;
    }

    /** Records a task name; false (and a problem) when it was taken. */
    private boolean register(String name, String origin) {
        String previous = taskOrigins.putIfAbsent(name, origin);
        if (previous != null) {
            duplicates.add(new IngestProblem(origin, "name", 0,
                    "duplicate task name '" + name + "' (first read from " + previous + ")"));
            return false;
        }
        return true;
    }

    /**
     * Checks the whole bench and de-duplicates data sources.
     *
     * @throws IngestException          on duplicate task names (listing them and any unknown tags)
     * @throws UnknownCategoryException on unknown category tags (listing them all)
     */
    public Result build(String name) {
        List<UnknownTag> unknown = categories.unknownTags();
        if (!duplicates.isEmpty()) {
            List<IngestProblem> problems = new ArrayList<>(duplicates);
            unknown.forEach(tag -> problems.add(new IngestProblem(tag.file(), tag.field(), 0,
                    "unknown " + tag.collection() + " category tag '" + tag.tag() + "'")));
            throw new IngestException(problems);
        }
        categories.failOnUnknownTags();
        DataSourceDeduplicator.Result dedup = new DataSourceDeduplicator().deduplicate(outlines, tasks);
        return new Result(new Bench(name, dedup.kept(), pools), dedup.dropped(), renderReports, dedup.keptOutlines());
    }
}
