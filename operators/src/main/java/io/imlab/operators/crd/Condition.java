package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** One observation about a resource, in the shape Kubernetes API conventions give conditions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class Condition {
    @JsonPropertyDescription("Condition type: SpecValid, WorkflowStarted, SpecChangeRejected or Completed.")
    private String type;
    @JsonPropertyDescription("True, False or Unknown.")
    private String status;
    @JsonPropertyDescription("One CamelCase word explaining the status, e.g. InvalidSpec or SpecChangedAfterStart.")
    private String reason;
    @JsonPropertyDescription("Human-readable details; for an invalid spec every problem with its field path.")
    private String message;
    @JsonPropertyDescription("When the status last changed (RFC 3339).")
    private String lastTransitionTime;
    @JsonPropertyDescription("The metadata.generation this condition was set for.")
    private Long observedGeneration;

    public Condition() {
    }

    public Condition(String type, String status, String reason, String message, String lastTransitionTime,
                     Long observedGeneration) {
        this.type = type;
        this.status = status;
        this.reason = reason;
        this.message = message;
        this.lastTransitionTime = lastTransitionTime;
        this.observedGeneration = observedGeneration;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getReason() {
        return reason;
    }

    public void setReason(String reason) {
        this.reason = reason;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getLastTransitionTime() {
        return lastTransitionTime;
    }

    public void setLastTransitionTime(String lastTransitionTime) {
        this.lastTransitionTime = lastTransitionTime;
    }

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }
}
