package io.imlab.workflows.payload;

import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.spec.GridCell;
import io.imlab.cookbook.spec.GridExpander;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One expanded grid cell, as the grid workflow receives it (expansion happens in the client).
 *
 * @param name    cell name, e.g. {@code cotShare=0.01}; part of the child workflow id
 * @param factors spec path to this cell's level, as text
 * @param spec    the cell's experiment
 */
public record GridCellInput(String name, Map<String, String> factors, ExperimentSpec spec) {
    public GridCellInput {
        factors = factors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(factors));
    }

    /** The payload for an expanded cell. */
    public static GridCellInput of(GridCell cell) {
        Map<String, String> factors = new LinkedHashMap<>();
        cell.factorValues().forEach((path, level) -> factors.put(path, GridExpander.levelText(level)));
        return new GridCellInput(cell.name(), factors, cell.spec());
    }
}
