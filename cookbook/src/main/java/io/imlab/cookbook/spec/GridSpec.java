package io.imlab.cookbook.spec;

import java.util.List;
import java.util.Map;

/**
 * An ablation grid: a base experiment and factors over spec paths (e.g. {@code recipe.cotShare}),
 * expanded full-factorially into one experiment per cell.
 *
 * @param base        the experiment every cell starts from
 * @param factors     spec path to the levels it takes, in declaration order
 * @param maxParallel cells running at once
 */
public record GridSpec(ExperimentSpec base, Map<String, List<Object>> factors, int maxParallel) {
}
