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
 * @param spec    the cell's experiment; null in a compact cell, which the grid rebuilds from the base
 *                spec and {@code levels}
 * @param levels  spec path to this cell's level as a typed value (number, text, list); what a compact
 *                cell is rebuilt from
 */
public record GridCellInput(String name, Map<String, String> factors, ExperimentSpec spec, Map<String, Object> levels) {
    public GridCellInput {
        factors = factors == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(factors));
        levels = levels == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(levels));
    }

    /** A cell carrying its spec. */
    public GridCellInput(String name, Map<String, String> factors, ExperimentSpec spec) {
        this(name, factors, spec, null);
    }

    /** The payload for an expanded cell. */
    public static GridCellInput of(GridCell cell) {
        Map<String, String> factors = new LinkedHashMap<>();
        cell.factorValues().forEach((path, level) -> factors.put(path, GridExpander.levelText(level)));
        return new GridCellInput(cell.name(), factors, cell.spec(), cell.factorValues());
    }

    /** This cell without its spec: about a tenth of the size, for grids of thousands of cells. */
    public GridCellInput compact() {
        return new GridCellInput(name, factors, null, levels);
    }

    /** The cell's spec: its own, or {@code base} with its levels applied (a compact cell). */
    public ExperimentSpec specFrom(ExperimentSpec base) {
        return spec != null ? spec : GridExpander.cellSpec(base, name, levels);
    }
}
