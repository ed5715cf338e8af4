package io.imlab.operators.crd;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

import java.util.List;

/**
 * {@code spec.splits}: the three generalization levels of OPT-IML §2.3 (mirrors
 * {@code io.imlab.cookbook.spec.SplitSpec}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SplitsSection {
    @JsonPropertyDescription("Split seed. Default 7.")
    private Long seed;
    @JsonPropertyDescription("Level 1: categories held out entirely. No blanks, no duplicates. Default none.")
    private List<String> heldOutCategories;
    @JsonPropertyDescription("Level 2: categories where some tasks are held out; none may also be in heldOutCategories."
            + " Default none.")
    private List<String> partiallyHeldOutCategories;
    @JsonPropertyDescription("Level 2: tasks held out in each partially held-out category. Default 1.")
    @Min(0)
    private Integer heldOutTasksPerCategory;
    @JsonPropertyDescription("Level 3: fraction of each training task's instances held out, between 0 and 1 (both"
            + " excluded). Default 0.2.")
    @Min(value = 0, inclusive = false)
    @Max(value = 1, inclusive = false)
    private Double heldOutInstanceFraction;
    @JsonPropertyDescription("Cap on evaluation instances per task (the paper uses 250, OPT-IML §4.1). Default 250.")
    @Min(1)
    private Integer maxEvalInstancesPerTask;
    @JsonPropertyDescription("Held-out categories whose tasks go to the test split rather than dev.")
    private List<String> testCategories;
    @JsonPropertyDescription("Fraction of the other evaluation data sources that go to test.")
    private Double testFraction;
    @JsonPropertyDescription("Cap on test instances per task; 0 keeps every instance.")
    private Integer maxTestInstancesPerTask;

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public List<String> getHeldOutCategories() {
        return heldOutCategories;
    }

    public void setHeldOutCategories(List<String> heldOutCategories) {
        this.heldOutCategories = heldOutCategories;
    }

    public List<String> getPartiallyHeldOutCategories() {
        return partiallyHeldOutCategories;
    }

    public void setPartiallyHeldOutCategories(List<String> partiallyHeldOutCategories) {
        this.partiallyHeldOutCategories = partiallyHeldOutCategories;
    }

    public Integer getHeldOutTasksPerCategory() {
        return heldOutTasksPerCategory;
    }

    public void setHeldOutTasksPerCategory(Integer heldOutTasksPerCategory) {
        this.heldOutTasksPerCategory = heldOutTasksPerCategory;
    }

    public Double getHeldOutInstanceFraction() {
        return heldOutInstanceFraction;
    }

    public void setHeldOutInstanceFraction(Double heldOutInstanceFraction) {
        this.heldOutInstanceFraction = heldOutInstanceFraction;
    }

    public Integer getMaxEvalInstancesPerTask() {
        return maxEvalInstancesPerTask;
    }

    public void setMaxEvalInstancesPerTask(Integer maxEvalInstancesPerTask) {
        this.maxEvalInstancesPerTask = maxEvalInstancesPerTask;
    }

    public List<String> getTestCategories() {
        return testCategories;
    }

    public void setTestCategories(List<String> testCategories) {
        this.testCategories = testCategories;
    }

    public Double getTestFraction() {
        return testFraction;
    }

    public void setTestFraction(Double testFraction) {
        this.testFraction = testFraction;
    }

    public Integer getMaxTestInstancesPerTask() {
        return maxTestInstancesPerTask;
    }

    public void setMaxTestInstancesPerTask(Integer maxTestInstancesPerTask) {
        this.maxTestInstancesPerTask = maxTestInstancesPerTask;
    }
}
