package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;

/**
 * Train a model on a mixture, resuming from the newest complete checkpoint under
 * {@code checkpointPrefixUri} when one exists (a retried attempt continues, it does not restart).
 *
 * @param experiment          experiment name, for logs and metrics
 * @param runId               the run; also names the training job
 * @param mixture             the packed mixture to train on
 * @param model               model dimensions
 * @param training            optimization settings
 * @param checkpointPrefixUri where checkpoints go, e.g. {@code s3://imlab/runs/<run>/checkpoints/}
 */
public record TrainInput(String experiment, String runId, MixtureRef mixture, ModelSpec model, TrainingSpec training,
                         String checkpointPrefixUri) {
}
