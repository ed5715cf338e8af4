package io.imlab.trainer;

/**
 * Work done by a {@link DjlScorer} so far, for throughput reporting.
 *
 * @param candidates        candidates scored
 * @param scoredTokens      tokens run through the model while scoring (prompt and candidate, per candidate)
 * @param scoringSeconds    wall time spent scoring
 * @param generatedTokens   tokens produced by greedy generation
 * @param generationSeconds wall time spent generating
 */
public record ScorerStats(
        long candidates, long scoredTokens, double scoringSeconds, long generatedTokens, double generationSeconds) {

    /** Tokens per second through the model while scoring candidates. */
    public double scoringTokensPerSecond() {
        return scoringSeconds > 0 ? scoredTokens / scoringSeconds : 0;
    }

    /** Generated tokens per second. */
    public double generationTokensPerSecond() {
        return generationSeconds > 0 ? generatedTokens / generationSeconds : 0;
    }
}
