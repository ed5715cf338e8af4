package io.imlab.workflows;

import io.imlab.workflows.payload.MixtureRef;
import io.imlab.workflows.payload.SampleMixtureInput;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The one sampling of a mixture that every cell needing it attaches to, started as workflow
 * {@code mixture/<hash>} (see {@link ArtifactKeys}). Wire name {@code MixtureBuild}.
 */
@WorkflowInterface
public interface MixtureBuildWorkflow {
    /** Runs {@link MixtureActivities#sampleMixture} with the experiment step's timeouts and retries. */
    @WorkflowMethod(name = "MixtureBuild")
    MixtureRef build(SampleMixtureInput input);
}
