package io.imlab.workflows.payload;

/** How a grid cell's experiment ended. */
public enum CellStatus {
    COMPLETED,
    FAILED,
    /** The grid was cancelled before the cell ended; its training job was stopped. */
    CANCELLED
}
