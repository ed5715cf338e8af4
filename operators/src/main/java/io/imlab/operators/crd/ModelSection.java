package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** {@code spec.model}: decoder-only transformer dimensions (mirrors {@code io.imlab.cookbook.spec.ModelSpec}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ModelSection {
    @JsonPropertyDescription("Preset that fills the dimensions left at 0: tiny, small or base. Default tiny.")
    @Pattern("^(tiny|small|base)$")
    private String preset;
    @JsonPropertyDescription("Transformer blocks; 0 takes the preset's. Default 0.")
    @Min(0)
    private Integer layers;
    @JsonPropertyDescription("Hidden size, divisible by heads; 0 takes the preset's. Default 0.")
    @Min(0)
    @JsonProperty("dModel")
    private Integer dModel;
    @JsonPropertyDescription("Attention heads; 0 takes the preset's. Default 0.")
    @Min(0)
    private Integer heads;
    @JsonPropertyDescription("Dropout probability, at least 0 and less than 1. Default 0.")
    @Min(0)
    @Max(value = 1, inclusive = false)
    private Double dropout;

    public String getPreset() {
        return preset;
    }

    public void setPreset(String preset) {
        this.preset = preset;
    }

    public Integer getLayers() {
        return layers;
    }

    public void setLayers(Integer layers) {
        this.layers = layers;
    }

    // Jackson's bean naming would turn getDModel into "dmodel"; the spec's key is dModel.
    @JsonProperty("dModel")
    public Integer getDModel() {
        return dModel;
    }

    @JsonProperty("dModel")
    public void setDModel(Integer dModel) {
        this.dModel = dModel;
    }

    public Integer getHeads() {
        return heads;
    }

    public void setHeads(Integer heads) {
        this.heads = heads;
    }

    public Double getDropout() {
        return dropout;
    }

    public void setDropout(Double dropout) {
        this.dropout = dropout;
    }
}
