package io.imlab.workflows.payload;

import java.util.List;

/**
 * A finished grid.
 *
 * @param gridId    the grid
 * @param outcomes  every cell's outcome, in expansion order
 * @param reportRef the grid report
 */
public record GridResult(String gridId, List<CellOutcome> outcomes, ReportRef reportRef) {
    public GridResult {
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }
}
