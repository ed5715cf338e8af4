package io.imlab.activities.report;

import io.imlab.workflows.payload.LevelScore;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The table every report shows: one row per run or grid cell, one column per level × shot count
 * (L1/L2/L3 × 0-shot/k-shot), scores as percentages, with the chance level of each column.
 */
public final class ScoreTable {
    private static final List<String> LEVELS = List.of("level1", "level2", "level3");

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

    /** Short header for a column: {@code L1 0-shot}. */
    public static String header(String column) {
        String[] parts = column.split("/");
        return "L" + parts[0].substring("level".length()) + " " + parts[1] + "-shot";
    }

    public static Optional<LevelScore> find(List<LevelScore> scores, String column) {
        String[] parts = column.split("/");
        return scores.stream()
                .filter(s -> s.level().equals(parts[0]) && s.shots() == Integer.parseInt(parts[1]))
                .findFirst();
    }

    /** A score in [0, 1] as a percentage with one decimal. */
    public static String percent(double value) {
        return Double.isNaN(value) ? "—" : String.format(Locale.ROOT, "%.1f", 100 * value);
    }
}
