package io.imlab.workflows.payload;

/**
 * Attach to the one sampling of a mixture, starting it when none runs (single-flight).
 *
 * @param flightId the sampling's workflow id, {@code mixture/<hash>}, the same for every cell needing this mixture
 * @param build    what to sample
 */
public record MixtureFlightInput(String flightId, SampleMixtureInput build) {
}
