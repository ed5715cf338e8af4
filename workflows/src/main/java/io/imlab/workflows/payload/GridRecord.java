package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.ExperimentSpec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid's entry in the run index ({@code s3://<bucket>/grids/<gridId>/grid.json}), written when the grid
 * starts and when it ends.
 *
 * @param gridId     the grid, also its workflow id
 * @param base       the base experiment
 * @param cells      cell name to its child workflow id (also its run id), in expansion order
 * @param status     running, completed, failed or cancelled
 * @param completed  cells completed (0 while running)
 * @param failed     cells failed
 * @param cancelled  cells cancelled
 * @param reportUri  the grid report folder once written, else null
 * @param failure    why the grid failed, else null
 * @param bucket     where the index lives
 */
public record GridRecord(String gridId, ExperimentSpec base, Map<String, String> cells, RunStatus status,
                         int completed, int failed, int cancelled, String reportUri, String failure, String bucket) {
    public GridRecord {
        cells = cells == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(cells));
    }

    /** Cell names in order. */
    public List<String> cellNames() {
        return List.copyOf(cells.keySet());
    }
}
