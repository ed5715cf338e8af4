package io.imlab.workflows.payload;

/** Where a workflow stands. */
public enum RunStatus {
    RUNNING,
    COMPLETED,
    FAILED,
    /** Cancelled on request ({@code imlab cancel}); running steps and training jobs were stopped. */
    CANCELLED
}
