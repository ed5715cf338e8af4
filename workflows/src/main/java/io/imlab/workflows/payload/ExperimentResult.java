package io.imlab.workflows.payload;

/**
 * A finished experiment: a reference to every artifact it produced.
 *
 * @param name        experiment name
 * @param runId       the run
 * @param benchRef    the bench
 * @param mixtureRef  the mixture
 * @param trainResult the training run
 * @param evalResult  the scores
 * @param reportRef   the report
 */
public record ExperimentResult(String name, String runId, BenchRef benchRef, MixtureRef mixtureRef,
                               TrainResult trainResult, EvalResult evalResult, ReportRef reportRef) {
}
