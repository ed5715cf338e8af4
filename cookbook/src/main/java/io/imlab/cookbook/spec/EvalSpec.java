package io.imlab.cookbook.spec;

/**
 * Evaluation protocol (OPT-IML §4.1).
 *
 * @param shots               the k of k-shot (0-shot is always evaluated too); the paper uses 5
 * @param maxInstancesPerTask evaluation instances per task (the paper uses 250)
 * @param maxNewTokens        greedy generation limit (the paper uses 256)
 */
public record EvalSpec(int shots, int maxInstancesPerTask, int maxNewTokens) {
    /** Defaults sized for a quick CPU run: 2-shot, 40 instances per task, 24 new tokens. */
    public static EvalSpec defaults() {
        return new EvalSpec(2, 40, 24);
    }
}
