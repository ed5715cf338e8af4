package io.imlab.workflows.payload;

import java.util.List;

/**
 * A grid's live progress, as its query returns it.
 *
 * @param gridId       the grid
 * @param status       running until the grid report is written
 * @param total        cells in the grid
 * @param waiting      cells not started yet (held back by maxParallel)
 * @param runningCells cells running now
 * @param completed    cells completed
 * @param failed       cells failed
 */
public record GridProgress(String gridId, RunStatus status, int total, int waiting, List<String> runningCells,
                           int completed, int failed) {
    public GridProgress {
        runningCells = runningCells == null ? List.of() : List.copyOf(runningCells);
    }
}
