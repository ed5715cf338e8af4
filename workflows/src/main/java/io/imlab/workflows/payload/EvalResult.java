package io.imlab.workflows.payload;

import java.util.List;

/**
 * Evaluation results.
 *
 * @param uri        folder holding per-task scores, diagnostics, requests and responses, and the aggregate
 *                   {@code scores.json}
 * @param scores     one entry per level and shot count
 * @param base       the base model evaluated beside the trained one ({@code init} or a checkpoint URI);
 *                   empty when none
 * @param baseScores the base model's scores, like {@code scores}; empty when there is no base
 */
public record EvalResult(String uri, List<LevelScore> scores, String base, List<LevelScore> baseScores) {
    public EvalResult {
        scores = scores == null ? List.of() : List.copyOf(scores);
        base = base == null ? "" : base;
        baseScores = baseScores == null ? List.of() : List.copyOf(baseScores);
    }

    /** Results without a base model. */
    public EvalResult(String uri, List<LevelScore> scores) {
        this(uri, scores, "", List.of());
    }
}
