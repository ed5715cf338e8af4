package io.imlab.activities.report;

import io.imlab.workflows.payload.LevelScore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The table every report shows: one row per run or grid cell, one column per level × shot count
 * (L1/L2/L3 × 0-shot/k-shot), then, when there are several shot counts, each level's average over them
 * (OPT-IML §4.1's model-selection score: the combined average of 0-shot and k-shot); scores as
 * percentages, with the chance level of each column.
 */
public final class ScoreTable {
    /** The level ids in display order. */
    public static final List<String> LEVELS = List.of("level1", "level2", "level3");
    /** The column suffix of a level's average over shot counts. */
    public static final String AVERAGE = "avg";

    private ScoreTable() {
    }

    /** Column keys in display order for the given shot counts, e.g. {@code level1/0}, {@code level1/2}. */
    public static List<String> columns(List<Integer> shots) {
        List<String> columns = new ArrayList<>();
        for (String level : LEVELS) {
            for (int k : shots) {
                columns.add(level + "/" + k);
            }
        }
        return columns;
    }

    /** Columns of each level's average over shot counts, e.g. {@code level1/avg}; none with a single shot count. */
    public static List<String> averageColumns(List<Integer> shots) {
        return shots.size() < 2 ? List.of() : LEVELS.stream().map(l -> l + "/" + AVERAGE).toList();
    }

    /** Short header for a column: {@code L1 0-shot}, {@code L1 avg}. */
    public static String header(String column) {
        String[] parts = column.split("/");
        String level = "L" + parts[0].substring("level".length());
        return parts[1].equals(AVERAGE) ? level + " " + AVERAGE : level + " " + parts[1] + "-shot";
    }

    /** Short name of a level id: {@code level1} → {@code L1}. */
    public static String levelName(String level) {
        return "L" + level.substring("level".length());
    }

    /** A column's value: a level/shots score, or a level's mean over its shot counts; NaN when absent. */
    public static double value(List<LevelScore> scores, String column, java.util.function.ToDoubleFunction<LevelScore> field) {
        String[] parts = column.split("/");
        if (parts[1].equals(AVERAGE)) {
            return scores.stream().filter(s -> s.level().equals(parts[0])).mapToDouble(field).average().orElse(Double.NaN);
        }
        return find(scores, column).map(field::applyAsDouble).orElse(Double.NaN);
    }

    public static Optional<LevelScore> find(List<LevelScore> scores, String column) {
        String[] parts = column.split("/");
        if (parts[1].equals(AVERAGE)) {
            return Optional.empty();
        }
        return scores.stream()
                .filter(s -> s.level().equals(parts[0]) && s.shots() == Integer.parseInt(parts[1]))
                .findFirst();
    }

    /** A score in [0, 1] as a percentage with one decimal. */
    public static String percent(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", 100 * value);
    }
}
