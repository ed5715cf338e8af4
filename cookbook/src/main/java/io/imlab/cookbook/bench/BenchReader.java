package io.imlab.cookbook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.imlab.cookbook.leakage.LeakageReport;
import io.imlab.cookbook.split.EvalSplit;
import io.imlab.cookbook.split.ExcludedTask;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads a bench written by {@link BenchWriter}. Only {@code bench.json} is read up front; tasks are
 * read one file at a time as a returned stream is consumed, so a large bench never sits in memory.
 */
public final class BenchReader {
    private final Path dir;
    private final BenchSummary summary;

    private BenchReader(Path dir, BenchSummary summary) {
        this.dir = dir;
        this.summary = summary;
    }

    /**
     * Opens the bench in {@code dir}.
     *
     * @throws IllegalStateException when {@code bench.json} is missing (an incomplete or foreign folder)
     *                               or names another format
     */
    public static BenchReader open(Path dir) {
        Path summaryFile = dir.resolve(BenchWriter.SUMMARY_FILE);
        if (!Files.isRegularFile(summaryFile)) {
            throw new IllegalStateException("no " + BenchWriter.SUMMARY_FILE + " in " + dir
                    + ": the bench is incomplete (the writer writes it last) or this is not a bench folder");
        }
        try {
            JsonNode root = BenchJson.MAPPER.readTree(summaryFile.toFile());
            String format = BenchJson.text(root, "format");
            if (!BenchWriter.FORMAT.equals(format)) {
                throw new IllegalStateException(summaryFile + ": format '" + format + "', expected '" + BenchWriter.FORMAT + "'");
            }
            List<BenchTaskEntry> tasks = new ArrayList<>();
            for (JsonNode t : root.path("tasks")) {
                tasks.add(new BenchTaskEntry(BenchJson.text(t, "name"), BenchJson.text(t, "part"), BenchJson.text(t, "split"),
                        BenchJson.text(t, "file"),
                        BenchJson.text(t, "collection"), BenchJson.text(t, "category"), BenchJson.text(t, "dataSource"),
                        BenchJson.text(t, "metric"), t.path("instances").asInt()));
            }
            Map<PoolKind, Integer> pools = new EnumMap<>(PoolKind.class);
            root.path("pools").properties().forEach(e -> pools.put(PoolKind.valueOf(e.getKey()), e.getValue().path("examples").asInt()));
            List<ExcludedTask> excluded = new ArrayList<>();
            for (JsonNode e : root.path("excluded")) {
                excluded.add(new ExcludedTask(BenchJson.text(e, "name"), BenchJson.text(e, "dataSource"), BenchJson.text(e, "reason")));
            }
            List<DroppedTask> dropped = new ArrayList<>();
            for (JsonNode d : root.path("dropped")) {
                dropped.add(new DroppedTask(BenchJson.text(d, "name"), BenchJson.text(d, "collection"),
                        BenchJson.text(d, "dataSource"), BenchJson.text(d, "reason")));
            }
            List<CappedTask> capped = new ArrayList<>();
            for (JsonNode c : root.path("capped")) {
                capped.add(new CappedTask(BenchJson.text(c, "name"), BenchJson.text(c, "collection"),
                        c.path("before").asInt(), c.path("after").asInt()));
            }
            JsonNode l = root.get("leakage");
            LeakageSummary leakage = l == null ? null : new LeakageSummary(l.path("ngram").asInt(), l.path("threshold").asDouble(),
                    l.path("trainTasks").asInt(), l.path("evalTasks").asInt(), l.path("evalInstances").asLong(),
                    l.path("flaggedPairs").asInt());
            return new BenchReader(dir, new BenchSummary(format, BenchJson.text(root, "name"), tasks, pools, excluded,
                    BenchJson.text(root, "hash"), BenchJson.text(root, "source"), dropped, capped, leakage));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + summaryFile, e);
        }
    }

    public BenchSummary summary() {
        return summary;
    }

    /** The training tasks, in name order, each read from disk when the stream reaches it. */
    public Stream<Task> readTrainTasks() {
        return summary.trainTasks().stream().map(this::readTask);
    }

    /**
     * The evaluation tasks of one level, dev and test together, each read from disk when the stream reaches it.
     * Evaluation reads one split with {@link #readEvalTasks(GeneralizationLevel, EvalSplit)}.
     */
    public Stream<Task> readEvalTasks(GeneralizationLevel level) {
        return summary.evalTasks(level).stream().map(this::readTask);
    }

    /** The evaluation tasks of one level in one split, in name order, each read when the stream reaches it. */
    public Stream<Task> readEvalTasks(GeneralizationLevel level, EvalSplit split) {
        return summary.evalTasks(level, split).stream().map(this::readTask);
    }

    /** The 13-gram overlap report the build wrote, or empty when the bench has none. */
    public Optional<LeakageReport> readLeakageReport() {
        if (summary.leakage() == null) {
            return Optional.empty();
        }
        Path file = resolveInside(BenchWriter.LEAKAGE_FILE);
        try {
            return Optional.of(LeakageReport.read(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The bench folder. */
    public Path dir() {
        return dir;
    }

    /** Reads one task file. */
    public Task readTask(BenchTaskEntry entry) {
        Path file = resolveInside(entry.file());
        try (BufferedReader in = gzipReader(file)) {
            String headerLine = in.readLine();
            if (headerLine == null) {
                throw new IllegalStateException(file + ": empty task file");
            }
            JsonNode header = BenchJson.MAPPER.readTree(headerLine);
            int expected = header.path("instances").asInt();
            List<Instance> instances = new ArrayList<>(expected);
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                instances.add(BenchJson.instance(BenchJson.MAPPER.readTree(line)));
            }
            if (instances.size() != expected) {
                throw new IllegalStateException(file + ": header announces " + expected + " instances, file has " + instances.size());
            }
            return BenchJson.task(header, instances);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read task file " + file, e);
        }
    }

    /** Reads one pool (empty when the bench has none of that kind). */
    public List<TextExample> readPool(PoolKind kind) {
        if (!summary.poolSizes().containsKey(kind)) {
            return List.of();
        }
        Path file = resolveInside(BenchWriter.poolFile(kind));
        try (BufferedReader in = gzipReader(file)) {
            if (in.readLine() == null) {
                throw new IllegalStateException(file + ": empty pool file");
            }
            List<TextExample> examples = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                examples.add(BenchJson.textExample(BenchJson.MAPPER.readTree(line)));
            }
            return List.copyOf(examples);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read pool file " + file, e);
        }
    }

    /** {@code bench.json} is data: a file entry must not point outside the bench folder. */
    private Path resolveInside(String relative) {
        Path root = dir.toAbsolutePath().normalize();
        Path file = root.resolve(relative).normalize();
        if (!file.startsWith(root)) {
            throw new IllegalStateException("bench.json names a file outside the bench folder: " + relative);
        }
        return file;
    }

    private static BufferedReader gzipReader(Path file) throws IOException {
        return new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file), 1 << 16), StandardCharsets.UTF_8));
    }
}
