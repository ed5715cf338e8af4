package io.imlab.workflows.payload;

/**
 * Attach to the one build of a bench, starting it when none runs (single-flight).
 *
 * @param flightId the build's workflow id, {@code bench/<hash>}, the same for every cell needing this bench
 * @param build    what to build
 */
public record BenchFlightInput(String flightId, BuildBenchInput build) {
}
