package io.imlab.operators;

import java.util.List;

/**
 * A workflow's state as one read of Temporal saw it.
 *
 * @param phase      where it stands
 * @param step       the experiment step running now, or the last one run (null for a grid, or before the
 *                   first step)
 * @param message    a one-line summary: why it failed, or how many cells are done
 * @param resultsUri the report folder once it succeeded (for a grid also when some cells failed), else null
 * @param cells      one entry per grid cell, in expansion order; empty for an experiment
 */
public record WorkflowSnapshot(WorkflowPhase phase, String step, String message, String resultsUri,
                               List<CellSnapshot> cells) {
    public WorkflowSnapshot {
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    /**
     * One grid cell.
     *
     * @param name    the cell name, e.g. {@code cotShare=0.01}
     * @param phase   where its child experiment workflow stands
     * @param step    the step it is on or ended on; null before it starts
     * @param message why it failed; null otherwise
     */
    public record CellSnapshot(String name, WorkflowPhase phase, String step, String message) {
    }
}
