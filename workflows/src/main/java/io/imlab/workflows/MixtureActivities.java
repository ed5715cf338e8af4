package io.imlab.workflows;

import io.imlab.workflows.payload.MixtureRef;
import io.imlab.workflows.payload.SampleMixtureInput;
import io.temporal.activity.ActivityInterface;

/** Training-mixture sampling. Wire name {@code Mixture.SampleMixture}. */
@ActivityInterface(namePrefix = "Mixture.")
public interface MixtureActivities {
    /**
     * Samples, formats, tokenizes and packs the training mixture, or returns the cached one with the
     * same content hash. Configuration problems fail with {@link FailureTypes#CONFIGURATION_ERROR}.
     */
    MixtureRef sampleMixture(SampleMixtureInput input);
}
