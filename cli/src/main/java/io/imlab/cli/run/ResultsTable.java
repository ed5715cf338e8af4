package io.imlab.cli.run;

import io.imlab.activities.report.ScoreTable;
import io.imlab.workflows.payload.LevelScore;

import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The terminal table: one row per run or cell, columns L1/L2/L3 × 0-shot/k-shot, then each level's
 * average over its shot counts (OPT-IML §4.1's model-selection score), scores in percent, chance last.
 */
public final class ResultsTable {
    private ResultsTable() {
    }

    /**
     * @param names  row names
     * @param rows   each row's scores; an empty list prints the row's note instead
     * @param notes  text for rows without scores (a failure reason)
     */
    public static String render(List<String> names, List<List<LevelScore>> rows, List<String> notes) {
        TreeSet<Integer> shotSet = new TreeSet<>();
        rows.forEach(r -> r.forEach(s -> shotSet.add(s.shots())));
        List<Integer> shots = shotSet.isEmpty() ? List.of(0) : List.copyOf(shotSet);
        List<String> columns = new java.util.ArrayList<>(ScoreTable.columns(shots));
        columns.addAll(ScoreTable.averageColumns(shots));
        int nameWidth = Math.max(6, names.stream().mapToInt(String::length).max().orElse(0));
        StringBuilder out = new StringBuilder();
        out.append(pad("run", nameWidth));
        for (String c : columns) {
            out.append("  ").append(String.format(Locale.ROOT, "%10s", ScoreTable.header(c)));
        }
        out.append('\n');
        for (int r = 0; r < names.size(); r++) {
            out.append(pad(names.get(r), nameWidth));
            if (rows.get(r).isEmpty()) {
                out.append("  FAILED: ").append(firstLine(notes.get(r)));
            } else {
                for (String c : columns) {
                    String value = ScoreTable.percent(ScoreTable.value(rows.get(r), c, LevelScore::score));
                    out.append("  ").append(String.format(Locale.ROOT, "%10s", value));
                }
            }
            out.append('\n');
        }
        List<LevelScore> any = rows.stream().filter(r -> !r.isEmpty()).findFirst().orElse(List.of());
        if (!any.isEmpty()) {
            out.append(pad("chance", nameWidth));
            for (String c : columns) {
                String value = ScoreTable.percent(ScoreTable.value(any, c, LevelScore::chance));
                out.append("  ").append(String.format(Locale.ROOT, "%10s", value));
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String pad(String text, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }

    private static String firstLine(String text) {
        return text == null ? "(no reason recorded)" : text.split("\n", 2)[0];
    }
}
