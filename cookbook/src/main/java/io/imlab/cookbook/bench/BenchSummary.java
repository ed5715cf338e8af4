package io.imlab.cookbook.bench;

import io.imlab.cookbook.split.EvalSplit;
import io.imlab.cookbook.split.ExcludedTask;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.task.PoolKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code bench.json} says about a bench on disk: its task files by part, pool sizes and the tasks
 * the split excluded. Counts are derived from the task listing.
 *
 * @param format    the on-disk format id ({@value BenchWriter#FORMAT})
 * @param name      the bench name
 * @param tasks     every task file, training first, then levels 1 to 3, each sorted by name
 * @param poolSizes examples per pool
 * @param excluded  tasks the split's data-source rule excluded
 * @param hash      the content hash the bench was built under (empty when written directly from a split)
 * @param source    the bench source ({@code mini}, {@code collections}; empty when unknown)
 * @param dropped   tasks left out before the split by the keyword-collection de-duplication
 * @param capped    tasks cut to the per-task instance cap
 * @param leakage   the 13-gram overlap check's counts, or {@code null} when it did not run
 */
public record BenchSummary(String format, String name, List<BenchTaskEntry> tasks, Map<PoolKind, Integer> poolSizes,
                           List<ExcludedTask> excluded, String hash, String source, List<DroppedTask> dropped,
                           List<CappedTask> capped, LeakageSummary leakage) {
    public BenchSummary {
        tasks = List.copyOf(tasks);
        dropped = List.copyOf(dropped);
        capped = List.copyOf(capped);
        EnumMap<PoolKind, Integer> sizes = new EnumMap<>(PoolKind.class);
        sizes.putAll(poolSizes);
        poolSizes = java.util.Collections.unmodifiableMap(sizes);
        excluded = List.copyOf(excluded);
    }

    /** The parts in their fixed order: {@code train}, {@code level1}, {@code level2}, {@code level3}. */
    public static List<String> parts() {
        List<String> parts = new ArrayList<>();
        parts.add(BenchTaskEntry.TRAIN);
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            parts.add(level.id());
        }
        return List.copyOf(parts);
    }

    public List<BenchTaskEntry> trainTasks() {
        return tasks(BenchTaskEntry.TRAIN);
    }

    /** The evaluation tasks of one level, dev and test. */
    public List<BenchTaskEntry> evalTasks(GeneralizationLevel level) {
        return tasks(level.id());
    }

    /** The evaluation tasks of one level in one split. */
    public List<BenchTaskEntry> evalTasks(GeneralizationLevel level, EvalSplit split) {
        return tasks.stream().filter(t -> t.part().equals(level.id()) && t.split().equals(split.id())).toList();
    }

    public List<BenchTaskEntry> tasks(String part) {
        return tasks.stream().filter(t -> t.part().equals(part)).toList();
    }

    /** Tasks per part, by collection ({@code collection → part → tasks}). */
    public Map<String, Map<String, Integer>> tasksByCollection() {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        tasks.forEach(t -> out.computeIfAbsent(t.collection(), c -> new TreeMap<>()).merge(t.part(), 1, Integer::sum));
        return out;
    }

    /** Tasks per part, by category ({@code category → part → tasks}). */
    public Map<String, Map<String, Integer>> tasksByCategory() {
        Map<String, Map<String, Integer>> out = new TreeMap<>();
        tasks.forEach(t -> out.computeIfAbsent(t.category(), c -> new TreeMap<>()).merge(t.part(), 1, Integer::sum));
        return out;
    }

    /** Task count of one part. */
    public int taskCount(String part) {
        return tasks(part).size();
    }

    /** Instance count of one part. */
    public long instanceCount(String part) {
        return tasks(part).stream().mapToLong(BenchTaskEntry::instances).sum();
    }
}
