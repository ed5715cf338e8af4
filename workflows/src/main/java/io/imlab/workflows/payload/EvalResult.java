package io.imlab.workflows.payload;

import java.util.List;

/**
 * Evaluation results.
 *
 * @param uri    folder holding per-task scores and the aggregate {@code scores.json}
 * @param scores one entry per level and shot count
 */
public record EvalResult(String uri, List<LevelScore> scores) {
    public EvalResult {
        scores = scores == null ? List.of() : List.copyOf(scores);
    }
}
