package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.RecipeSpec;

/**
 * Sample (or find cached) the packed training mixture.
 *
 * @param experiment experiment name, for logs and metrics
 * @param bench      the bench whose training tasks are sampled
 * @param recipe     caps, shares, sequence length and count
 * @param bucket     object-store bucket; the mixture goes under {@code s3://<bucket>/mixtures/<hash>/}
 */
public record SampleMixtureInput(String experiment, BenchRef bench, RecipeSpec recipe, String bucket) {
}
