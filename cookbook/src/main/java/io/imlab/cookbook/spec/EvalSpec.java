package io.imlab.cookbook.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Evaluation protocol (OPT-IML §4.1).
 *
 * @param shots               the k of k-shot (0-shot is always evaluated too); the paper uses 5
 * @param maxInstancesPerTask evaluation instances per task (the paper uses 250)
 * @param maxNewTokens        greedy generation limit (the paper uses 256)
 * @param split               which evaluation split is scored: {@value #DEV} (the paper's ablations, §4) or
 *                            {@value #TEST} (final numbers)
 */
public record EvalSpec(int shots, int maxInstancesPerTask, int maxNewTokens, String split) {
    public static final String DEV = "dev";
    public static final String TEST = "test";

    @JsonCreator
    public EvalSpec {
        split = split == null ? DEV : split;
    }

    /** Scores the dev split. */
    public EvalSpec(int shots, int maxInstancesPerTask, int maxNewTokens) {
        this(shots, maxInstancesPerTask, maxNewTokens, DEV);
    }

    /** Defaults sized for a quick CPU run: 2-shot, 40 instances per task, 24 new tokens, the dev split. */
    public static EvalSpec defaults() {
        return new EvalSpec(2, 40, 24);
    }
}
