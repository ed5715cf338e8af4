package io.imlab.cookbook.bench;

import io.imlab.cookbook.leakage.LeakageReport;

/**
 * The counts of a bench's 13-gram overlap check, as {@code bench.json} carries them; the pairs themselves are
 * in {@code leakage.json}.
 *
 * @param ngram         n (13 in the paper)
 * @param threshold     a pair is flagged above this fraction of the eval task's instances (0.01)
 * @param trainTasks    training tasks checked
 * @param evalTasks     evaluation tasks (all levels, dev and test) indexed
 * @param evalInstances evaluation instances indexed
 * @param flaggedPairs  (train, eval) pairs flagged
 */
public record LeakageSummary(int ngram, double threshold, int trainTasks, int evalTasks, long evalInstances, int flaggedPairs) {
    public static LeakageSummary of(LeakageReport report) {
        return new LeakageSummary(report.ngram(), report.threshold(), report.trainTasks(), report.evalTasks(),
                report.evalInstances(), report.flagged().size());
    }
}
