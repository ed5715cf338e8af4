package io.imlab.workflows;

import io.imlab.workflows.payload.BenchFlightInput;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.MixtureFlightInput;
import io.imlab.workflows.payload.MixtureRef;
import io.temporal.activity.ActivityInterface;

/**
 * Single-flight builds of shared artifacts. Each method starts the build workflow with the input's
 * deterministic id and the {@code USE_EXISTING} conflict policy — so every cell that needs the same
 * artifact at the same time attaches to one build in flight — and waits for its result, heartbeating.
 * A build that already completed is not run again: its result is returned. Wire names
 * {@code Flight.AwaitBench} and {@code Flight.AwaitMixture}.
 *
 * <p>An activity does this rather than the workflow because child workflows cannot use a conflict
 * policy (a second parent starting the same child id fails), while a client start can.
 */
@ActivityInterface(namePrefix = "Flight.")
public interface ArtifactFlightActivities {
    /** The bench of {@code input.build()}, built at most once per flight id. */
    BenchRef awaitBench(BenchFlightInput input);

    /** The mixture of {@code input.build()}, sampled at most once per flight id. */
    MixtureRef awaitMixture(MixtureFlightInput input);
}
