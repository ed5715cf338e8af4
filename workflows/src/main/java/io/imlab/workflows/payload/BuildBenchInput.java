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
 */
public record BuildBenchInput(String experiment, BenchSpec bench, SplitSpec splits, String bucket) {
}
