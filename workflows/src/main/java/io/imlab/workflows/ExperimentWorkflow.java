package io.imlab.workflows;

import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentProgress;
import io.imlab.workflows.payload.ExperimentResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One experiment as five durable steps: build bench → sample mixture → train → evaluate → report.
 * Wire name {@code Experiment}.
 */
@WorkflowInterface
public interface ExperimentWorkflow {
    /**
     * Runs the experiment. A step that fails after its retries fails the workflow with an
     * {@code ApplicationFailure} of type {@link FailureTypes#EXPERIMENT_STEP_FAILED} whose message
     * names the step ({@code step train failed: …}) and whose details hold the step's label.
     */
    @WorkflowMethod(name = "Experiment")
    ExperimentResult run(ExperimentInput input);

    /** The step running now and the steps done, for live progress. */
    @QueryMethod(name = "progress")
    ExperimentProgress progress();
}
