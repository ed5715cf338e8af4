package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.ExperimentSpec;

/**
 * Run one experiment.
 *
 * @param spec   the validated experiment (see {@code SpecLoader})
 * @param runId  names the run's artifacts ({@code s3://<bucket>/runs/<runId>/}); a grid uses
 *               {@code <gridId>/<cellName>}
 * @param bucket object-store bucket for every artifact
 * @param noCache    rebuild the bench and mixture instead of reusing published ones ({@code --no-cache})
 * @param cacheScope with {@code noCache}, the scope within which the rebuilt artifacts are still shared
 *                   (a grid passes its id, so its cells rebuild each artifact once); null means the run
 */
public record ExperimentInput(ExperimentSpec spec, String runId, String bucket, boolean noCache, String cacheScope) {
    /** A run that uses the artifact cache. */
    public ExperimentInput(ExperimentSpec spec, String runId, String bucket) {
        this(spec, runId, bucket, false, null);
    }
}
