package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.ExperimentSpec;

import java.util.List;

/**
 * Run an ablation grid.
 *
 * @param gridId       names the grid; each cell runs as child workflow {@code <gridId>/<cellName>}
 * @param cells        the expanded cells, in expansion order; a large grid sends them compact (no
 *                     spec, only {@link GridCellInput#levels()}) and gives {@code base}
 * @param maxParallel  cells running at once (at least 1)
 * @param bucket       object-store bucket for every artifact
 * @param gpusPerCell  GPUs one running cell holds ({@code nodes × gpusPerNode}); 0 for CPU training
 * @param gpuBudget    GPUs the grid may hold at once; 0 for no budget
 * @param noCache      rebuild the bench and mixtures once for this grid instead of reusing published ones
 * @param base         the base experiment that compact cells apply their levels to; null when every cell
 *                     carries its spec
 * @param parentGridId set on a sub-grid: the grid it is part of, whose id prefixes the cells' workflow ids
 *                     and run ids; null on a top-level grid
 */
public record GridInput(String gridId, List<GridCellInput> cells, int maxParallel, String bucket,
                        int gpusPerCell, int gpuBudget, boolean noCache, ExperimentSpec base, String parentGridId) {
    public GridInput {
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    /** A grid whose cells carry their specs, without a GPU budget, using the artifact cache. */
    public GridInput(String gridId, List<GridCellInput> cells, int maxParallel, String bucket) {
        this(gridId, cells, maxParallel, bucket, 0, 0, false, null, null);
    }

    /** The id that prefixes cell workflow ids and run ids: the top-level grid's. */
    public String rootGridId() {
        return parentGridId == null ? gridId : parentGridId;
    }
}
