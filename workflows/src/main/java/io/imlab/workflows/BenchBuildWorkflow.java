package io.imlab.workflows;

import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The one build of a bench that every cell needing it attaches to, started as workflow
 * {@code bench/<hash>} (see {@link ArtifactKeys}). Wire name {@code BenchBuild}.
 */
@WorkflowInterface
public interface BenchBuildWorkflow {
    /** Runs {@link BenchActivities#buildBench} with the experiment step's timeouts and retries. */
    @WorkflowMethod(name = "BenchBuild")
    BenchRef build(BuildBenchInput input);
}
