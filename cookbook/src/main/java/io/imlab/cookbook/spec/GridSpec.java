package io.imlab.cookbook.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ablation grid: a base experiment and either factors over spec paths (e.g. {@code recipe.cotShare}),
 * expanded full-factorially, or an explicit list of cells, each a set of spec-path overrides.
 *
 * @param base        the experiment every cell starts from
 * @param factors     spec path to the levels it takes, in declaration order (the order is kept: it
 *                    orders the cells and their names); empty when {@code cells} is given
 * @param cells       explicit cells, each spec path to its value, in the order they run; empty when
 *                    {@code factors} is given
 * @param maxParallel cells running at once
 * @param nodes       nodes (training pods) one cell's training uses
 * @param gpusPerNode GPUs one node requests (0 for CPU training)
 * @param gpuBudget   GPUs the whole grid may hold at once; 0 for no budget. A cell is admitted only
 *                    while {@code running cells × nodes × gpusPerNode} stays within it
 */
public record GridSpec(ExperimentSpec base, Map<String, List<Object>> factors, List<Map<String, Object>> cells,
                       int maxParallel, int nodes, int gpusPerNode, int gpuBudget) {
    /** Cells running at once when a grid leaves {@code maxParallel} out: one, for a 2-core machine. */
    public static final int DEFAULT_MAX_PARALLEL = 1;

    public GridSpec {
        LinkedHashMap<String, List<Object>> copy = new LinkedHashMap<>();
        factors.forEach((path, levels) -> copy.put(path, List.copyOf(levels)));
        factors = Collections.unmodifiableMap(copy);
        cells = cells == null ? List.of()
                : cells.stream().map(c -> Collections.unmodifiableMap(new LinkedHashMap<>(c))).toList();
    }

    /** A full-factorial grid on one CPU node per cell, without a GPU budget. */
    public GridSpec(ExperimentSpec base, Map<String, List<Object>> factors, int maxParallel) {
        this(base, factors, List.of(), maxParallel, 1, 0, 0);
    }

    /** GPUs one running cell holds: {@code nodes × gpusPerNode}. */
    public int gpusPerCell() {
        return nodes * gpusPerNode;
    }

    /**
     * Cells the grid may run at once: {@code maxParallel}, lowered so that the running cells' GPUs stay
     * within {@code gpuBudget} (when there is a budget and cells use GPUs).
     */
    public int admittedParallel() {
        if (gpuBudget <= 0 || gpusPerCell() == 0) {
            return maxParallel;
        }
        return Math.max(0, Math.min(maxParallel, gpuBudget / gpusPerCell()));
    }
}
