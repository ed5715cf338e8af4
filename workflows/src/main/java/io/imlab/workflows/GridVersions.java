package io.imlab.workflows;

/**
 * {@code Workflow.getVersion} change ids and versions of the grid and experiment workflows, so that
 * histories recorded before a change still replay (see {@code WorkflowReplayTest}).
 */
public final class GridVersions {
    /** The change id of issue "Grids". */
    public static final String CHANGE_ID = "grids";

    /**
     * Version 1: bench and mixture through single-flight build workflows, the run index, cancellation marks
     * cells cancelled, GPU budget admission and sub-grids for large grids.
     */
    public static final int SINGLE_FLIGHT = 1;

    private GridVersions() {
    }
}
