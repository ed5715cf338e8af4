package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** How far one grid cell (one child experiment workflow) has come. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class CellProgress {
    @JsonPropertyDescription("Cell name, e.g. cotShare=0.01.")
    private String name;
    @JsonPropertyDescription("Waiting, Running, Succeeded, Failed or Cancelled.")
    private String phase;
    @JsonPropertyDescription("The step running now, or the last one run: buildBench, sampleMixture, train, evaluate,"
            + " report.")
    private String step;
    @JsonPropertyDescription("Why the cell failed, naming the step; empty otherwise.")
    private String message;

    public CellProgress() {
    }

    public CellProgress(String name, String phase, String step, String message) {
        this.name = name;
        this.phase = phase;
        this.step = step;
        this.message = message;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getStep() {
        return step;
    }

    public void setStep(String step) {
        this.step = step;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
