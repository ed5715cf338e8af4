package io.imlab.workflows.payload;

/** Where a workflow stands. */
public enum RunStatus {
    RUNNING,
    COMPLETED,
    FAILED
}
