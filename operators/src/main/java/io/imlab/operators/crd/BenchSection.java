package io.imlab.operators.crd;

import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Min;

/** {@code spec.bench}: which benchmark to build (mirrors {@code io.imlab.cookbook.spec.BenchSpec}). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BenchSection {
    @JsonPropertyDescription("Bench source: `mini` is the built-in procedural generator. Default `mini`.")
    private String source;
    @JsonPropertyDescription("Generator seed. Default 7.")
    private Long seed;
    @JsonPropertyDescription("Task variants generated per task family; scales the bench. Default 3.")
    @Min(1)
    private Integer tasksPerFamily;
    @JsonPropertyDescription("Instances generated per task. Default 300.")
    @Min(1)
    private Integer instancesPerTask;
    @JsonPropertyDescription("Folder that relative paths under collections resolve against (source collections).")
    private String dataRoot;
    @JsonPropertyDescription("Real collections to ingest (source collections): supernatural, promptsource, seq2seq, cot, cotAsTasks, pools; see docs/spec-reference.md. Validated by the operator with field paths.")
    private JsonNode collections;
    @JsonPropertyDescription("Optional category map YAML replacing the shipped one.")
    private String taxonomy;
    @JsonPropertyDescription("Cap on instances per task, a seeded sample (the paper: 100000).")
    private Integer maxInstancesPerTask;
    @JsonPropertyDescription("Per-collection instance caps (the paper: flan 30000).")
    private Map<String, Integer> maxInstancesPerTaskByCollection;

    public String getSource() {
        return source;
    }

    public void setSource(String source) {
        this.source = source;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public Integer getTasksPerFamily() {
        return tasksPerFamily;
    }

    public void setTasksPerFamily(Integer tasksPerFamily) {
        this.tasksPerFamily = tasksPerFamily;
    }

    public Integer getInstancesPerTask() {
        return instancesPerTask;
    }

    public void setInstancesPerTask(Integer instancesPerTask) {
        this.instancesPerTask = instancesPerTask;
    }

    public String getDataRoot() {
        return dataRoot;
    }

    public void setDataRoot(String dataRoot) {
        this.dataRoot = dataRoot;
    }

    public JsonNode getCollections() {
        return collections;
    }

    public void setCollections(JsonNode collections) {
        this.collections = collections;
    }

    public String getTaxonomy() {
        return taxonomy;
    }

    public void setTaxonomy(String taxonomy) {
        this.taxonomy = taxonomy;
    }

    public Integer getMaxInstancesPerTask() {
        return maxInstancesPerTask;
    }

    public void setMaxInstancesPerTask(Integer maxInstancesPerTask) {
        this.maxInstancesPerTask = maxInstancesPerTask;
    }

    public Map<String, Integer> getMaxInstancesPerTaskByCollection() {
        return maxInstancesPerTaskByCollection;
    }

    public void setMaxInstancesPerTaskByCollection(Map<String, Integer> maxInstancesPerTaskByCollection) {
        this.maxInstancesPerTaskByCollection = maxInstancesPerTaskByCollection;
    }
}
