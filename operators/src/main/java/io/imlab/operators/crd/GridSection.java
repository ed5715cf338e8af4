package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;

import java.util.List;
import java.util.Map;

/** {@code spec.grid}: the factors of an ablation grid, expanded full-factorially into one experiment per cell. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class GridSection {
    @JsonPropertyDescription("Spec path to the levels it takes, e.g. `recipe.cotShare: [0, 0.01, 0.04]`; declaration"
            + " order orders the cells and their names. At most 256 cells.")
    @Required
    private Map<String, List<JsonNode>> factors;
    @JsonPropertyDescription("Cells running at once. Default 1.")
    @Min(1)
    private Integer maxParallel;
    @JsonPropertyDescription("An explicit list of cells (spec path to value), instead of factors.")
    private List<JsonNode> cells;
    @JsonPropertyDescription("Training nodes per cell, for the GPU budget.")
    private Integer nodes;
    @JsonPropertyDescription("GPUs per training node, for the GPU budget.")
    private Integer gpusPerNode;
    @JsonPropertyDescription("GPUs the grid may hold at once (0: no budget).")
    private Integer gpuBudget;

    public Map<String, List<JsonNode>> getFactors() {
        return factors;
    }

    public void setFactors(Map<String, List<JsonNode>> factors) {
        this.factors = factors;
    }

    public Integer getMaxParallel() {
        return maxParallel;
    }

    public void setMaxParallel(Integer maxParallel) {
        this.maxParallel = maxParallel;
    }

    public List<JsonNode> getCells() {
        return cells;
    }

    public void setCells(List<JsonNode> cells) {
        this.cells = cells;
    }

    public Integer getNodes() {
        return nodes;
    }

    public void setNodes(Integer nodes) {
        this.nodes = nodes;
    }

    public Integer getGpusPerNode() {
        return gpusPerNode;
    }

    public void setGpusPerNode(Integer gpusPerNode) {
        this.gpusPerNode = gpusPerNode;
    }

    public Integer getGpuBudget() {
        return gpuBudget;
    }

    public void setGpuBudget(Integer gpuBudget) {
        this.gpuBudget = gpuBudget;
    }
}
