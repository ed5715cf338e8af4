package io.imlab.workflows.payload;

import java.util.List;

/**
 * A grid's live progress, as its query returns it.
 *
 * @param gridId       the grid
 * @param status       running until the grid report is written
 * @param total        cells in the grid
 * @param waiting      cells not started yet (held back by maxParallel or the GPU budget)
 * @param runningCells cells running now (in a grid of sub-grids: the sub-grids running now)
 * @param completed    cells completed
 * @param failed       cells failed
 * @param cancelled    cells cancelled
 * @param gpusInUse    GPUs the running cells hold ({@code running × nodes × gpusPerNode})
 * @param subGrids     the sub-grid workflow ids of a large grid (query them for their cells), else empty
 */
public record GridProgress(String gridId, RunStatus status, int total, int waiting, List<String> runningCells,
                           int completed, int failed, int cancelled, int gpusInUse, List<String> subGrids) {
    public GridProgress {
        runningCells = runningCells == null ? List.of() : List.copyOf(runningCells);
        subGrids = subGrids == null ? List.of() : List.copyOf(subGrids);
    }

    /** Progress of a grid without cancellations, GPUs or sub-grids. */
    public GridProgress(String gridId, RunStatus status, int total, int waiting, List<String> runningCells,
                        int completed, int failed) {
        this(gridId, status, total, waiting, runningCells, completed, failed, 0, 0, List.of());
    }
}
