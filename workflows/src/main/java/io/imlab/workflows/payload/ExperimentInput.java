package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.ExperimentSpec;

/**
 * Run one experiment.
 *
 * @param spec   the validated experiment (see {@code SpecLoader})
 * @param runId  names the run's artifacts ({@code s3://<bucket>/runs/<runId>/}); a grid uses
 *               {@code <gridId>/<cellName>}
 * @param bucket object-store bucket for every artifact
 */
public record ExperimentInput(ExperimentSpec spec, String runId, String bucket) {
}
