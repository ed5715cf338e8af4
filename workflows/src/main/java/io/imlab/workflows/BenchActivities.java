package io.imlab.workflows;

import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import io.temporal.activity.ActivityInterface;

/** Benchmark building. Wire name {@code Bench.BuildBench}. */
@ActivityInterface(namePrefix = "Bench.")
public interface BenchActivities {
    /**
     * Builds the bench and its three-level split, or returns the cached one with the same content
     * hash (a bench folder is complete only when its {@code manifest.json} exists).
     * Throws an {@code ApplicationFailure} of type {@link FailureTypes#CONFIGURATION_ERROR} for a
     * spec the bench cannot be built from (never retried); anything else is retried.
     */
    BenchRef buildBench(BuildBenchInput input);
}
