package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

import java.util.ArrayList;
import java.util.List;

/** What the operator observed of a resource and its workflow; shared by both kinds. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class WorkflowResourceStatus {
    @JsonPropertyDescription("The metadata.generation the operator last reconciled.")
    private Long observedGeneration;
    @JsonPropertyDescription("Invalid, Running, Succeeded, Failed or Cancelled.")
    private String phase;
    @JsonPropertyDescription("A one-line summary of the phase.")
    private String message;
    @JsonPropertyDescription("The Temporal workflow id, derived from the resource's uid (set once the workflow is"
            + " started).")
    private String workflowId;
    @JsonPropertyDescription("SHA-256 of the spec the workflow was started with; a later spec that differs is"
            + " refused (condition SpecChangeRejected).")
    private String startedSpecHash;
    @JsonPropertyDescription("The report folder (s3://bucket/.../report/) once the workflow completed.")
    private String resultsUri;
    @JsonPropertyDescription("Observations in Kubernetes condition form: SpecValid, WorkflowStarted,"
            + " SpecChangeRejected, Completed.")
    private List<Condition> conditions = new ArrayList<>();

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public String getPhase() {
        return phase;
    }

    public void setPhase(String phase) {
        this.phase = phase;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }

    public String getWorkflowId() {
        return workflowId;
    }

    public void setWorkflowId(String workflowId) {
        this.workflowId = workflowId;
    }

    public String getStartedSpecHash() {
        return startedSpecHash;
    }

    public void setStartedSpecHash(String startedSpecHash) {
        this.startedSpecHash = startedSpecHash;
    }

    public String getResultsUri() {
        return resultsUri;
    }

    public void setResultsUri(String resultsUri) {
        this.resultsUri = resultsUri;
    }

    public List<Condition> getConditions() {
        return conditions;
    }

    public void setConditions(List<Condition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : new ArrayList<>(conditions);
    }
}
