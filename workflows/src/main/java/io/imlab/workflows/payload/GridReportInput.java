package io.imlab.workflows.payload;

import java.util.List;

/**
 * Write a grid's report: one row per cell, completed or failed.
 *
 * @param gridId    the grid
 * @param outcomes  every cell's outcome, in expansion order
 * @param outputUri report folder, e.g. {@code s3://imlab/grids/<gridId>/report/}
 */
public record GridReportInput(String gridId, List<CellOutcome> outcomes, String outputUri) {
    public GridReportInput {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
