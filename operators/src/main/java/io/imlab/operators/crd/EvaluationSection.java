package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** {@code spec.evaluation}: evaluation protocol, OPT-IML §4.1 (mirrors {@code io.imlab.cookbook.spec.EvalSpec}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class EvaluationSection {
    @JsonPropertyDescription("The k of k-shot; 0-shot is always evaluated too (the paper uses 5). Default 2.")
    @Min(0)
    private Integer shots;
    @JsonPropertyDescription("Evaluation instances per task (the paper uses 250). Default 40.")
    @Min(1)
    private Integer maxInstancesPerTask;
    @JsonPropertyDescription("Greedy generation limit in tokens (the paper uses 256). Default 24.")
    @Min(1)
    private Integer maxNewTokens;

    public Integer getShots() {
        return shots;
    }

    public void setShots(Integer shots) {
        this.shots = shots;
    }

    public Integer getMaxInstancesPerTask() {
        return maxInstancesPerTask;
    }

    public void setMaxInstancesPerTask(Integer maxInstancesPerTask) {
        this.maxInstancesPerTask = maxInstancesPerTask;
    }

    public Integer getMaxNewTokens() {
        return maxNewTokens;
    }

    public void setMaxNewTokens(Integer maxNewTokens) {
        this.maxNewTokens = maxNewTokens;
    }
}
