package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** An {@link AblationGrid}'s status: the common fields plus every cell's progress. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AblationGridStatus extends WorkflowResourceStatus {
    @JsonPropertyDescription("Cells finished out of all cells, e.g. 2/3.")
    private String cellsDone;
    @JsonPropertyDescription("Every cell in expansion order, with its phase and step.")
    private List<CellProgress> cells = new ArrayList<>();

    public String getCellsDone() {
        return cellsDone;
    }

    public void setCellsDone(String cellsDone) {
        this.cellsDone = cellsDone;
    }

    public List<CellProgress> getCells() {
        return cells;
    }

    public void setCells(List<CellProgress> cells) {
        this.cells = cells == null ? new ArrayList<>() : new ArrayList<>(cells);
    }
}
