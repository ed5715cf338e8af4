package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.RecipeSpec;

/**
 * Sample (or find cached) the packed training mixture.
 *
 * @param experiment experiment name, for logs and metrics
 * @param bench      the bench whose training tasks are sampled
 * @param recipe     caps, shares, sequence length and count
 * @param bucket     object-store bucket; the mixture goes under {@code s3://<bucket>/mixtures/<hash>/}
 * @param rebuild    sample and publish again even when a mixture with this hash is published ({@code --no-cache})
 */
public record SampleMixtureInput(String experiment, BenchRef bench, RecipeSpec recipe, String bucket, boolean rebuild) {
    /** A sampling that reuses the published mixture when there is one. */
    public SampleMixtureInput(String experiment, BenchRef bench, RecipeSpec recipe, String bucket) {
        this(experiment, bench, recipe, bucket, false);
    }
}
