package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Required;

/**
 * The spec of an {@link AblationGrid}: exactly the keys of a grid spec file — the base experiment's sections plus
 * {@code grid:} — so {@code examples/quickstart.yaml} pasted under {@code spec:} is a valid grid.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AblationGridSpec extends ExperimentResourceSpec {
    @JsonPropertyDescription("The grid's factors and parallelism.")
    @Required
    private GridSection grid;

    public GridSection getGrid() {
        return grid;
    }

    public void setGrid(GridSection grid) {
        this.grid = grid;
    }
}
