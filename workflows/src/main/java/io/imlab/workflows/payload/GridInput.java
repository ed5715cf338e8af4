package io.imlab.workflows.payload;

import java.util.List;

/**
 * Run an ablation grid.
 *
 * @param gridId      names the grid; each cell runs as child workflow {@code <gridId>/<cellName>}
 * @param cells       the expanded cells, in expansion order
 * @param maxParallel cells running at once (at least 1)
 * @param bucket      object-store bucket for every artifact
 */
public record GridInput(String gridId, List<GridCellInput> cells, int maxParallel, String bucket) {
    public GridInput {
        cells = cells == null ? List.of() : List.copyOf(cells);
    }
}
