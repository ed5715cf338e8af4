package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.EvalSpec;
import io.imlab.cookbook.spec.TokenizerSpec;

/**
 * Evaluate a checkpoint at the three generalization levels, 0-shot and k-shot (OPT-IML §4.1).
 *
 * @param experiment    experiment name, for logs and metrics
 * @param runId         the run
 * @param bench         the bench whose evaluation splits are scored
 * @param checkpointUri the checkpoint to score
 * @param evaluation    shots and limits
 * @param outputUri     folder for per-task and aggregate results, e.g. {@code s3://imlab/runs/<run>/eval/}
 * @param tokenizer     the tokenizer the mixture was packed with; the scorer must encode with the same one
 */
public record EvaluateInput(String experiment, String runId, BenchRef bench, String checkpointUri, EvalSpec evaluation,
                            String outputUri, TokenizerSpec tokenizer) {

    /** Histories recorded before the tokenizer travelled with the input deserialize with the byte tokenizer. */
    public EvaluateInput {
        tokenizer = tokenizer == null ? TokenizerSpec.defaults() : tokenizer;
    }

    public EvaluateInput(String experiment, String runId, BenchRef bench, String checkpointUri, EvalSpec evaluation,
                         String outputUri) {
        this(experiment, runId, bench, checkpointUri, evaluation, outputUri, null);
    }
}
