package io.imlab.workflows;

import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import io.imlab.workflows.payload.MixtureRef;
import io.imlab.workflows.payload.SampleMixtureInput;
import io.temporal.workflow.Workflow;

/** The single-flight build workflows: each runs its one activity. */
public final class ArtifactBuildWorkflowsImpl {
    private ArtifactBuildWorkflowsImpl() {
    }

    /** {@link BenchBuildWorkflow}. */
    public static class Bench implements BenchBuildWorkflow {
        private final BenchActivities bench = Workflow.newActivityStub(BenchActivities.class, StepOptions.buildBench());

        @Override
        public BenchRef build(BuildBenchInput input) {
            return bench.buildBench(input);
        }
    }

    /** {@link MixtureBuildWorkflow}. */
    public static class Mixture implements MixtureBuildWorkflow {
        private final MixtureActivities mixture = Workflow.newActivityStub(MixtureActivities.class, StepOptions.sampleMixture());

        @Override
        public MixtureRef build(SampleMixtureInput input) {
            return mixture.sampleMixture(input);
        }
    }
}
