package io.imlab.workflows.payload;

/**
 * A finished training run.
 *
 * @param checkpointUri final checkpoint folder, e.g. {@code s3://imlab/runs/<run>/checkpoints/step-300/}
 * @param step          optimizer steps taken
 * @param finalLoss     training loss at the last step
 * @param tokens        target tokens trained on
 * @param lossCurveUri  object holding the per-step loss curve (JSON lines)
 */
public record TrainResult(String checkpointUri, int step, double finalLoss, long tokens, String lossCurveUri) {
}
