package io.imlab.operators;

import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.GridInput;

import java.util.List;

/**
 * What the reconcilers need from Temporal, and nothing more, so they can be tested against any implementation.
 * {@link TemporalWorkflowGateway} is the real one.
 */
public interface WorkflowGateway {
    /**
     * Starts an {@code ExperimentWorkflow} under {@code workflowId}. Idempotent: when a workflow with that id
     * exists already (running or closed), nothing is started and {@link StartOutcome#ALREADY_STARTED} is returned.
     */
    StartOutcome startExperiment(String workflowId, ExperimentInput input);

    /** Starts an {@code AblationGridWorkflow} under {@code workflowId}; idempotent like {@link #startExperiment}. */
    StartOutcome startGrid(String workflowId, GridInput input);

    /** Where an experiment workflow stands: its phase, the step it is on, and its report once completed. */
    WorkflowSnapshot experiment(String workflowId);

    /**
     * Where a grid workflow stands, with one entry per cell of {@code cellNames} (the expanded cells, in order).
     */
    WorkflowSnapshot grid(String workflowId, List<String> cellNames);

    /**
     * Requests cancellation of the workflow. A workflow that has ended already, or never existed, is left as it
     * is: the call then does nothing.
     */
    void cancel(String workflowId);

    /** What a start request did. */
    enum StartOutcome {
        /** A new workflow was started. */
        STARTED,
        /** A workflow with that id exists already; nothing was started. */
        ALREADY_STARTED
    }
}
