package io.imlab.cookbook.eval;

import java.util.List;

/**
 * One task's scores under each prompt variant (the sensitivity diagnostic).
 *
 * @param task     task name
 * @param category the task's category
 * @param variants each variant as {@code template <i>, delimiter "<d>"}
 * @param scores   the task's mean score over the probed instances, per variant
 * @param range    best minus worst variant score
 */
public record TaskSensitivity(String task, String category, List<String> variants, List<Double> scores, double range) {
    public TaskSensitivity {
        variants = List.copyOf(variants);
        scores = List.copyOf(scores);
    }
}
