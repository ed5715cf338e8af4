package io.imlab.cookbook.eval;

/**
 * Output-format compliance and verbosity of one category's probed answers (OPT-IML §4.2's dialogue pitfall).
 *
 * @param answers    answers checked: every generation of generation tasks, and greedy probes of the first
 *                   instances of closed-label tasks (whose scored answer is always a candidate)
 * @param compliance fraction of answers in the expected {@link OutputFormat}
 * @param verbosity  mean ratio of answer words to reference words
 */
public record FormatStats(int answers, double compliance, double verbosity) {
}
