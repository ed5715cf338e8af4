package io.imlab.cookbook.spec;

import java.util.List;

/**
 * A spec file that describes an ablation grid.
 *
 * @param source the file it was loaded from
 * @param grid   the grid, its base experiment with every default filled in
 * @param cells  the grid expanded by {@link GridExpander}, every cell validated
 */
public record GridDocument(String source, GridSpec grid, List<GridCell> cells) implements SpecDocument {
    public GridDocument {
        cells = List.copyOf(cells);
    }
}
