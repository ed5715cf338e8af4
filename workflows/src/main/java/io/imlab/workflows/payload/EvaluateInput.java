package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.EvalSpec;

/**
 * Evaluate a checkpoint at the three generalization levels, 0-shot and k-shot (OPT-IML §4.1).
 *
 * @param experiment    experiment name, for logs and metrics
 * @param runId         the run
 * @param bench         the bench whose evaluation splits are scored
 * @param checkpointUri the checkpoint to score
 * @param evaluation    shots and limits
 * @param outputUri     folder for per-task and aggregate results, e.g. {@code s3://imlab/runs/<run>/eval/}
 */
public record EvaluateInput(String experiment, String runId, BenchRef bench, String checkpointUri, EvalSpec evaluation,
                            String outputUri) {
}
