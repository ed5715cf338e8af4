package io.imlab.cookbook.bench;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imlab.cookbook.leakage.FlaggedPair;
import io.imlab.cookbook.split.EvalSplit;
import io.imlab.cookbook.split.ExcludedTask;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.split.SplitPlan;
import io.imlab.cookbook.split.SplitResult;
import io.imlab.cookbook.split.ThreeLevelSplitter;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Writes a split bench to a folder:
 * <pre>
 * train/&lt;task&gt;.jsonl.gz              training tasks with their training instances
 * eval/level1/dev/&lt;task&gt;.jsonl.gz    evaluation tasks by generalization level and split (dev, test)
 * eval/level1/test/...  eval/level2/...  eval/level3/...
 * pools/&lt;kind&gt;.jsonl.gz              chain-of-thought, dialogue and plain-text pools
 * leakage.json                        the 13-gram overlap report, when the build ran it
 * bench.json                          written last: without it the folder is incomplete
 * </pre>
 * Each task file holds one JSON header line (the task without its instances, plus the instance
 * count) and then one line per instance; a pool file holds a header line and one line per example.
 * The output is byte-identical for equal input: fixed field order, files in sorted order, and gzip
 * headers without a modification time ({@link GZIPOutputStream} writes a constant header).
 */
public final class BenchWriter {
    public static final String FORMAT = "imlab-bench-v2";
    public static final String SUMMARY_FILE = "bench.json";
    public static final String LEAKAGE_FILE = "leakage.json";
    static final String SUFFIX = ".jsonl.gz";

    /** Writes {@code split} and the pools of {@code bench} under {@code dir}, named after {@code bench}. */
    public BenchSummary write(Path dir, Bench bench, SplitResult split) {
        return write(dir, bench.name(), split, bench.pools());
    }

    /**
     * Writes the split bench under {@code dir}, which must be missing or empty.
     *
     * @return the summary also written to {@code bench.json}
     */
    public BenchSummary write(Path dir, String name, SplitResult split, Map<PoolKind, List<TextExample>> pools) {
        return write(dir, name, split, pools, BenchProvenance.none());
    }

    /**
     * Writes the split bench and its provenance under {@code dir}, which must be missing or empty;
     * {@code leakage.json} when the provenance has a leakage report, {@code bench.json} last.
     *
     * @return the summary also written to {@code bench.json}
     */
    public BenchSummary write(Path dir, String name, SplitResult split, Map<PoolKind, List<TextExample>> pools,
                              BenchProvenance provenance) {
        try {
            prepare(dir);
            List<BenchTaskEntry> entries = new ArrayList<>();
            entries.addAll(writeTasks(dir, BenchTaskEntry.TRAIN, "", "train", split.trainTasks()));
            for (GeneralizationLevel level : GeneralizationLevel.values()) {
                for (EvalSplit evalSplit : EvalSplit.values()) {
                    entries.addAll(writeTasks(dir, level.id(), evalSplit.id(), "eval/" + level.id() + "/" + evalSplit.id(),
                            split.evalTasks(level, evalSplit)));
                }
            }
            return finish(dir, name, entries, pools, split.excludedTasks(), provenance);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bench to " + dir, e);
        }
    }

    /** Loads a task by name, with every instance of the outline its split was planned on, in order. */
    @FunctionalInterface
    public interface TaskLoader {
        Task load(String taskName);
    }

    /**
     * Writes a split given as a plan, loading each task once, when its files are written, from {@code tasks}: memory
     * holds one task at a time (a two-pass build reads each task's file again here). The folder is byte-for-byte what
     * {@link #write(Path, String, SplitResult, Map, BenchProvenance)} writes for the plan applied to the tasks.
     *
     * @return the summary also written to {@code bench.json}
     */
    public BenchSummary write(Path dir, String name, SplitPlan plan, TaskLoader tasks, Map<PoolKind, List<TextExample>> pools,
                              BenchProvenance provenance) {
        // every file of the bench: its folder, by task in the order tasks first appear in the plan
        Map<String, List<Shard>> shardsByTask = new LinkedHashMap<>();
        List<List<Shard>> folders = new ArrayList<>();
        folders.add(shards(shardsByTask, BenchTaskEntry.TRAIN, "", "train", plan.trainTasks()));
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            for (EvalSplit evalSplit : EvalSplit.values()) {
                List<SplitPlan.Part> parts = plan.evalTasks(level).stream()
                        .filter(part -> plan.splitOf(level, part.task()) == evalSplit).toList();
                folders.add(shards(shardsByTask, level.id(), evalSplit.id(), "eval/" + level.id() + "/" + evalSplit.id(), parts));
            }
        }
        try {
            prepare(dir);
            Map<Shard, BenchTaskEntry> written = new HashMap<>();
            for (Map.Entry<String, List<Shard>> task : shardsByTask.entrySet()) {
                Task loaded = tasks.load(task.getKey());
                for (Shard shard : task.getValue()) {
                    written.put(shard, writeTask(dir, shard.part(), shard.evalSplit(), shard.file(),
                            ThreeLevelSplitter.apply(loaded, shard.instances())));
                }
            }
            List<BenchTaskEntry> entries = new ArrayList<>();
            folders.forEach(folder -> folder.forEach(shard -> entries.add(written.get(shard))));
            return finish(dir, name, entries, pools, plan.excludedTasks(), provenance);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write bench to " + dir, e);
        }
    }

    /** One task file of a planned bench. */
    private record Shard(String part, String evalSplit, String file, SplitPlan.Part instances) {
    }

    /** The files of one folder, in the order {@link #writeTasks} writes them (by task name), checked for clashing names. */
    private static List<Shard> shards(Map<String, List<Shard>> shardsByTask, String part, String evalSplit, String folder,
                                      List<SplitPlan.Part> parts) {
        List<SplitPlan.Part> sorted = parts.stream().sorted(Comparator.comparing(SplitPlan.Part::task)).toList();
        Map<String, String> nameByStem = new HashMap<>();
        List<Shard> out = new ArrayList<>();
        for (SplitPlan.Part task : sorted) {
            String stem = checkedStem(nameByStem, part, task.task());
            Shard shard = new Shard(part, evalSplit, folder + "/" + stem + SUFFIX, task);
            shardsByTask.computeIfAbsent(task.task(), k -> new ArrayList<>()).add(shard);
            out.add(shard);
        }
        return out;
    }

    private static String checkedStem(Map<String, String> nameByStem, String part, String taskName) {
        String stem = fileStem(taskName);
        String clash = nameByStem.putIfAbsent(stem, taskName);
        if (clash != null) {
            throw new IllegalArgumentException("tasks '" + clash + "' and '" + taskName + "' in " + part
                    + " map to the same file name '" + stem + "'");
        }
        return stem;
    }

    /** The pools, {@code leakage.json} and, last, {@code bench.json}. */
    private static BenchSummary finish(Path dir, String name, List<BenchTaskEntry> entries, Map<PoolKind, List<TextExample>> pools,
                                       List<ExcludedTask> excluded, BenchProvenance provenance) throws IOException {
        Map<PoolKind, Integer> poolSizes = new EnumMap<>(PoolKind.class);
        for (PoolKind kind : PoolKind.values()) {
            List<TextExample> examples = pools.getOrDefault(kind, List.of());
            writePool(dir.resolve(poolFile(kind)), kind, examples);
            poolSizes.put(kind, examples.size());
        }
        LeakageSummary leakage = null;
        if (provenance.leakage() != null) {
            provenance.leakage().write(dir.resolve(LEAKAGE_FILE));
            leakage = LeakageSummary.of(provenance.leakage());
        }
        BenchSummary summary = new BenchSummary(FORMAT, name, entries, poolSizes, excluded, provenance.hash(),
                provenance.source(), provenance.dropped(), provenance.capped(), leakage);
        writeSummary(dir, summary);
        return summary;
    }

    /**
     * A file-name stem for a task name: only letters, digits, '_' and '-' survive, so no name can
     * climb out of its folder ({@code ..}) or into a sub-folder ({@code /}). A name that had to change
     * gets a hash suffix so that two different names never share a file.
     */
    public static String fileStem(String taskName) {
        String stem = taskName.replaceAll("[^A-Za-z0-9_-]", "_");
        if (stem.equals(taskName) && !stem.isEmpty()) {
            return stem;
        }
        return (stem.isEmpty() ? "task" : stem) + "-" + String.format("%08x", taskName.hashCode());
    }

    static String poolFile(PoolKind kind) {
        return "pools/" + kind.name().toLowerCase(Locale.ROOT) + SUFFIX;
    }

    private static void prepare(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> children = Files.list(dir)) {
                if (children.findAny().isPresent()) {
                    throw new IllegalArgumentException("bench folder " + dir + " is not empty; write a bench into a new folder");
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static List<BenchTaskEntry> writeTasks(Path dir, String part, String evalSplit, String folder, List<Task> tasks)
            throws IOException {
        List<Task> sorted = tasks.stream().sorted(Comparator.comparing(Task::name)).toList();
        Map<String, String> nameByStem = new HashMap<>();
        List<BenchTaskEntry> entries = new ArrayList<>();
        for (Task task : sorted) {
            String stem = checkedStem(nameByStem, part, task.name());
            entries.add(writeTask(dir, part, evalSplit, folder + "/" + stem + SUFFIX, task));
        }
        return entries;
    }

    private static BenchTaskEntry writeTask(Path dir, String part, String evalSplit, String file, Task task) throws IOException {
        try (Writer out = gzipWriter(dir.resolve(file))) {
            writeLine(out, BenchJson.taskHeader(task));
            for (Instance instance : task.instances()) {
                writeLine(out, BenchJson.instance(instance));
            }
        }
        return new BenchTaskEntry(task.name(), part, evalSplit, file, task.collection(), task.category(), task.dataSource(),
                task.metric().name(), task.instances().size());
    }

    private static void writePool(Path file, PoolKind kind, List<TextExample> examples) throws IOException {
        try (Writer out = gzipWriter(file)) {
            ObjectNode header = BenchJson.MAPPER.createObjectNode();
            header.put("pool", kind.name());
            header.put("examples", examples.size());
            writeLine(out, header);
            for (TextExample example : examples) {
                writeLine(out, BenchJson.textExample(example));
            }
        }
    }

    private static void writeSummary(Path dir, BenchSummary summary) throws IOException {
        ObjectNode root = BenchJson.MAPPER.createObjectNode();
        root.put("format", summary.format());
        root.put("name", summary.name());
        root.put("hash", summary.hash());
        root.put("source", summary.source());
        ObjectNode counts = root.putObject("counts");
        ObjectNode byPart = counts.putObject("byPart");
        for (String part : BenchSummary.parts()) {
            byPart.putObject(part).put("tasks", summary.taskCount(part)).put("instances", summary.instanceCount(part));
        }
        ObjectNode bySplit = counts.putObject("bySplit");
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            ObjectNode levelNode = bySplit.putObject(level.id());
            for (EvalSplit evalSplit : EvalSplit.values()) {
                List<BenchTaskEntry> inSplit = summary.evalTasks(level, evalSplit);
                levelNode.putObject(evalSplit.id()).put("tasks", inSplit.size())
                        .put("instances", inSplit.stream().mapToLong(BenchTaskEntry::instances).sum());
            }
        }
        counts.put("dropped", summary.dropped().size());
        counts.put("excluded", summary.excluded().size());
        counts.put("capped", summary.capped().size());
        if (summary.leakage() != null) {
            LeakageSummary leakage = summary.leakage();
            root.putObject("leakage")
                    .put("file", LEAKAGE_FILE)
                    .put("ngram", leakage.ngram())
                    .put("threshold", leakage.threshold())
                    .put("trainTasks", leakage.trainTasks())
                    .put("evalTasks", leakage.evalTasks())
                    .put("evalInstances", leakage.evalInstances())
                    .put("flaggedPairs", leakage.flaggedPairs());
        }
        ObjectNode byCollection = counts.putObject("byCollection");
        summary.tasksByCollection().forEach((collection, parts) -> parts.forEach(byCollection.putObject(collection)::put));
        ObjectNode byCategory = counts.putObject("byCategory");
        summary.tasksByCategory().forEach((category, parts) -> parts.forEach(byCategory.putObject(category)::put));
        ObjectNode pools = root.putObject("pools");
        summary.poolSizes().forEach((kind, size) -> pools.putObject(kind.name()).put("file", poolFile(kind)).put("examples", size));
        ArrayNode tasks = root.putArray("tasks");
        for (BenchTaskEntry entry : summary.tasks()) {
            tasks.addObject()
                    .put("name", entry.name())
                    .put("part", entry.part())
                    .put("split", entry.split())
                    .put("file", entry.file())
                    .put("collection", entry.collection())
                    .put("category", entry.category())
                    .put("dataSource", entry.dataSource())
                    .put("metric", entry.metric())
                    .put("instances", entry.instances());
        }
        ArrayNode excluded = root.putArray("excluded");
        for (ExcludedTask task : summary.excluded()) {
            excluded.addObject().put("name", task.name()).put("dataSource", task.dataSource()).put("reason", task.reason());
        }
        ArrayNode dropped = root.putArray("dropped");
        for (DroppedTask task : summary.dropped()) {
            dropped.addObject().put("name", task.name()).put("collection", task.collection())
                    .put("dataSource", task.dataSource()).put("reason", task.reason());
        }
        ArrayNode capped = root.putArray("capped");
        for (CappedTask task : summary.capped()) {
            capped.addObject().put("name", task.name()).put("collection", task.collection())
                    .put("before", task.before()).put("after", task.after());
        }
        // written to a temporary name and moved, so a reader never sees half a bench.json
        Path tmp = dir.resolve(SUMMARY_FILE + ".tmp");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
        byte[] json = BenchJson.MAPPER.writer(printer).writeValueAsBytes(root);
        byte[] withNewline = java.util.Arrays.copyOf(json, json.length + 1);
        withNewline[json.length] = '\n';
        Files.write(tmp, withNewline);
        Files.move(tmp, dir.resolve(SUMMARY_FILE), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Writer gzipWriter(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file), 1 << 16), StandardCharsets.UTF_8), 1 << 16);
    }

    private static void writeLine(Writer out, ObjectNode node) throws IOException {
        out.write(BenchJson.MAPPER.writeValueAsString(node));
        out.write('\n');
    }
}
