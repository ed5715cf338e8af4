package io.imlab.cli.bench;

import io.imlab.cookbook.bench.BenchSummary;
import io.imlab.cookbook.bench.BenchTaskEntry;
import io.imlab.cookbook.bench.CappedTask;
import io.imlab.cookbook.bench.DroppedTask;
import io.imlab.cookbook.split.EvalSplit;
import io.imlab.cookbook.split.ExcludedTask;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.task.PoolKind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** The readable tables of {@code imlab bench stats}: levels, collections, categories, pools, tasks left out. */
final class BenchStats {
    private BenchStats() {
    }

    /** The columns after the name: train, then every level's dev and test. */
    static List<String> columns() {
        List<String> columns = new ArrayList<>();
        columns.add(BenchTaskEntry.TRAIN);
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            for (EvalSplit split : EvalSplit.values()) {
                columns.add(column(level.id(), split.id()));
            }
        }
        return columns;
    }

    static String column(String part, String split) {
        return split.isEmpty() ? part : part.replace("level", "L") + " " + split;
    }

    static String render(BenchSummary summary) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "bench %s (%s, %s)%nhash %s%n%n", summary.name(),
                summary.source().isEmpty() ? "source unknown" : summary.source(), summary.format(),
                summary.hash().isEmpty() ? "(none)" : summary.hash()));

        TextTable levels = new TextTable("part", "split", "tasks", "instances");
        levels.row(BenchTaskEntry.TRAIN, "", summary.taskCount(BenchTaskEntry.TRAIN), summary.instanceCount(BenchTaskEntry.TRAIN));
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            for (EvalSplit split : EvalSplit.values()) {
                List<BenchTaskEntry> tasks = summary.evalTasks(level, split);
                levels.row(level.id(), split.id(), tasks.size(), tasks.stream().mapToLong(BenchTaskEntry::instances).sum());
            }
        }
        out.append("Levels (level 1: held-out categories, level 2: held-out tasks of seen categories,"
                + " level 3: held-out instances of training tasks)\n").append(levels.render()).append('\n');

        out.append("Tasks by collection\n").append(byKey(summary, BenchTaskEntry::collection, "collection").render()).append('\n');
        out.append("Tasks by category (").append(summary.tasksByCategory().size()).append(" categories)\n")
                .append(byKey(summary, BenchTaskEntry::category, "category").render()).append('\n');

        TextTable pools = new TextTable("pool", "examples");
        for (PoolKind kind : PoolKind.values()) {
            pools.row(kind.name().toLowerCase(Locale.ROOT), summary.poolSizes().getOrDefault(kind, 0));
        }
        out.append("Pools\n").append(pools.render()).append('\n');

        out.append(String.format(Locale.ROOT, "Left out: %d dropped (keyword collection, data source in another collection),"
                + " %d excluded (data source shared with a held-out task), %d capped%n",
                summary.dropped().size(), summary.excluded().size(), summary.capped().size()));
        TextTable leftOut = new TextTable("task", "why");
        for (DroppedTask task : summary.dropped()) {
            leftOut.row(task.name(), "dropped: " + task.reason());
        }
        for (ExcludedTask task : summary.excluded()) {
            leftOut.row(task.name(), "excluded: " + task.reason());
        }
        for (CappedTask task : summary.capped()) {
            leftOut.row(task.name(), String.format(Locale.ROOT, "capped: %,d of %,d instances kept", task.after(), task.before()));
        }
        if (!leftOut.isEmpty()) {
            out.append(leftOut.render());
        }
        if (summary.leakage() != null) {
            out.append(String.format(Locale.ROOT, "%n13-gram overlap: %d flagged (train, eval) pairs over %d train x %d eval tasks"
                    + " (imlab bench leakage for the list)%n", summary.leakage().flaggedPairs(), summary.leakage().trainTasks(),
                    summary.leakage().evalTasks()));
        }
        return out.toString();
    }

    /** Task counts by a key (collection or category), one column per part and split, and a total row. */
    private static TextTable byKey(BenchSummary summary, Function<BenchTaskEntry, String> key, String name) {
        List<String> columns = columns();
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        Map<String, Integer> totals = new LinkedHashMap<>();
        for (BenchTaskEntry task : summary.tasks()) {
            String column = column(task.part(), task.split());
            counts.computeIfAbsent(key.apply(task), k -> new LinkedHashMap<>()).merge(column, 1, Integer::sum);
            totals.merge(column, 1, Integer::sum);
        }
        List<String> header = new ArrayList<>();
        header.add(name);
        header.addAll(columns);
        TextTable table = new TextTable(header.toArray(String[]::new));
        counts.forEach((k, byColumn) -> table.row(cells(k, columns, byColumn)));
        table.row(cells("(all)", columns, totals));
        return table;
    }

    private static Object[] cells(String first, List<String> columns, Map<String, Integer> byColumn) {
        Object[] cells = new Object[columns.size() + 1];
        cells[0] = first;
        for (int i = 0; i < columns.size(); i++) {
            cells[i + 1] = byColumn.getOrDefault(columns.get(i), 0);
        }
        return cells;
    }
}
