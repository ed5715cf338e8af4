package io.imlab.cookbook.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An ablation grid: a base experiment and factors over spec paths (e.g. {@code recipe.cotShare}),
 * expanded full-factorially into one experiment per cell.
 *
 * @param base        the experiment every cell starts from
 * @param factors     spec path to the levels it takes, in declaration order (the order is kept: it
 *                    orders the cells and their names)
 * @param maxParallel cells running at once
 */
public record GridSpec(ExperimentSpec base, Map<String, List<Object>> factors, int maxParallel) {
    /** Cells running at once when a grid leaves {@code maxParallel} out: one, for a 2-core machine. */
    public static final int DEFAULT_MAX_PARALLEL = 1;

    public GridSpec {
        LinkedHashMap<String, List<Object>> copy = new LinkedHashMap<>();
        factors.forEach((path, levels) -> copy.put(path, List.copyOf(levels)));
        factors = Collections.unmodifiableMap(copy);
    }
}
