package io.imlab.operators;

/** Where a workflow (or one grid cell) stands, as the resource status names it. */
public enum WorkflowPhase {
    /** A grid cell not started yet (held back by maxParallel). */
    WAITING("Waiting"),
    RUNNING("Running"),
    SUCCEEDED("Succeeded"),
    FAILED("Failed"),
    /** Cancelled, terminated or timed out: ended without a result, not by its own failure. */
    CANCELLED("Cancelled"),
    /** Temporal does not know the workflow (its retention ended, or the server lost its state). */
    NOT_FOUND("NotFound");

    private final String label;

    WorkflowPhase(String label) {
        this.label = label;
    }

    /** The name written to {@code status.phase}, e.g. {@code Running}. */
    public String label() {
        return label;
    }

    /** Whether the workflow has ended and its outcome will not change. */
    public boolean finished() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
