package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.SplitSpec;

/**
 * Build (or find cached) the benchmark and its three-level split.
 *
 * @param experiment experiment name, for logs and metrics
 * @param bench      which benchmark
 * @param splits     how to split it into training tasks and the three evaluation levels
 * @param bucket     object-store bucket; the bench goes under {@code s3://<bucket>/benches/<hash>/}
 * @param rebuild    build and publish again even when a bench with this hash is published ({@code --no-cache})
 */
public record BuildBenchInput(String experiment, BenchSpec bench, SplitSpec splits, String bucket, boolean rebuild) {
    /** A build that reuses the published bench when there is one. */
    public BuildBenchInput(String experiment, BenchSpec bench, SplitSpec splits, String bucket) {
        this(experiment, bench, splits, bucket, false);
    }
}
