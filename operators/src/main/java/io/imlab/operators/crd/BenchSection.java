package io.imlab.operators.crd;

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
}
