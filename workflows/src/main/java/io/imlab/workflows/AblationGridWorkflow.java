package io.imlab.workflows;

import io.imlab.workflows.payload.GridInput;
import io.imlab.workflows.payload.GridProgress;
import io.imlab.workflows.payload.GridResult;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * An ablation grid: one child {@link ExperimentWorkflow} per cell, at most {@code maxParallel}
 * at once, then a grid report. Wire name {@code AblationGrid}.
 */
@WorkflowInterface
public interface AblationGridWorkflow {
    /**
     * Runs every cell to its end. A failed cell is recorded with its reason and does not stop the
     * others; the grid fails only when its input is invalid or its report cannot be written.
     */
    @WorkflowMethod(name = "AblationGrid")
    GridResult run(GridInput input);

    /** Cells waiting, running, completed and failed. */
    @QueryMethod(name = "progress")
    GridProgress progress();
}
