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
    @JsonPropertyDescription("Where k-shot demonstrations come from: positive-examples or instances.")
    private String demonstrations;
    @JsonPropertyDescription("Rank candidates by log-likelihood per byte instead of the sum.")
    private Boolean lengthNormalized;
    @JsonPropertyDescription("Fixes templates, delimiters, demonstrations and bootstrap resamples.")
    private Long seed;
    @JsonPropertyDescription("Resamples for the 95% intervals (0: none).")
    private Integer bootstrapSamples;
    @JsonPropertyDescription("Instances per task probed for format compliance and prompt sensitivity.")
    private Integer diagnosticInstancesPerTask;
    @JsonPropertyDescription("Prompt variants per probed instance.")
    private Integer sensitivityVariants;
    @JsonPropertyDescription("Base model scored beside the trained one: empty, init or an s3:// checkpoint.")
    private String base;
    @JsonPropertyDescription("JSONL responses of an external inference engine that replace the in-process scorer.")
    private String responsesUri;
    @JsonPropertyDescription("Evaluation split scored: dev or test.")
    private String split;

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

    public String getDemonstrations() {
        return demonstrations;
    }

    public void setDemonstrations(String demonstrations) {
        this.demonstrations = demonstrations;
    }

    public Boolean getLengthNormalized() {
        return lengthNormalized;
    }

    public void setLengthNormalized(Boolean lengthNormalized) {
        this.lengthNormalized = lengthNormalized;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Integer getBootstrapSamples() {
        return bootstrapSamples;
    }

    public void setBootstrapSamples(Integer bootstrapSamples) {
        this.bootstrapSamples = bootstrapSamples;
    }

    public Integer getDiagnosticInstancesPerTask() {
        return diagnosticInstancesPerTask;
    }

    public void setDiagnosticInstancesPerTask(Integer diagnosticInstancesPerTask) {
        this.diagnosticInstancesPerTask = diagnosticInstancesPerTask;
    }

    public Integer getSensitivityVariants() {
        return sensitivityVariants;
    }

    public void setSensitivityVariants(Integer sensitivityVariants) {
        this.sensitivityVariants = sensitivityVariants;
    }

    public String getBase() {
        return base;
    }

    public void setBase(String base) {
        this.base = base;
    }

    public String getResponsesUri() {
        return responsesUri;
    }

    public void setResponsesUri(String responsesUri) {
        this.responsesUri = responsesUri;
    }

    public String getSplit() {
        return split;
    }

    public void setSplit(String split) {
        this.split = split;
    }
}
