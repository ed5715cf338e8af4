package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/**
 * {@code spec.training}: optimization, OPT-IML §3.3 (mirrors {@code io.imlab.cookbook.spec.TrainingSpec}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class TrainingSection {
    @JsonPropertyDescription("Initialization and data-order seed. Default 7.")
    private Long seed;
    @JsonPropertyDescription("Optimizer steps. Default 300.")
    @Min(1)
    private Integer steps;
    @JsonPropertyDescription("Sequences per step. Default 16.")
    @Min(1)
    private Integer batchSize;
    @JsonPropertyDescription("Peak learning rate, positive. Default 0.001.")
    @Min(value = 0, inclusive = false)
    private Double learningRate;
    @JsonPropertyDescription("Linear warmup steps. Default 30.")
    @Min(0)
    private Integer warmupSteps;
    @JsonPropertyDescription("Global gradient-norm clip, positive (the paper clips at 1.0, §3.3). Default 1.0.")
    @Min(value = 0, inclusive = false)
    private Double gradientClip;
    @JsonPropertyDescription("Steps between checkpoints; a checkpoint is always written at the end. Default 100.")
    @Min(1)
    private Integer checkpointEvery;

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Integer getSteps() {
        return steps;
    }

    public void setSteps(Integer steps) {
        this.steps = steps;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(Double learningRate) {
        this.learningRate = learningRate;
    }

    public Integer getWarmupSteps() {
        return warmupSteps;
    }

    public void setWarmupSteps(Integer warmupSteps) {
        this.warmupSteps = warmupSteps;
    }

    public Double getGradientClip() {
        return gradientClip;
    }

    public void setGradientClip(Double gradientClip) {
        this.gradientClip = gradientClip;
    }

    public Integer getCheckpointEvery() {
        return checkpointEvery;
    }

    public void setCheckpointEvery(Integer checkpointEvery) {
        this.checkpointEvery = checkpointEvery;
    }
}
