package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** An {@link Experiment}'s status: the common fields plus the step running now. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ExperimentStatus extends WorkflowResourceStatus {
    @JsonPropertyDescription("The step running now, or the last one run: buildBench, sampleMixture, train, evaluate,"
            + " report.")
    private String step;

    public String getStep() {
        return step;
    }

    public void setStep(String step) {
        this.step = step;
    }
}
