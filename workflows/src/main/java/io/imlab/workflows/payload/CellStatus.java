package io.imlab.workflows.payload;

/** How a grid cell's experiment ended. */
public enum CellStatus {
    COMPLETED,
    FAILED
}
