package io.imlab.cookbook.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/**
 * The three generalization levels (OPT-IML §2.3) and their dev / test division (§2.4, Table 15).
 *
 * @param seed                       split seed
 * @param heldOutCategories          level 1: categories held out entirely
 * @param partiallyHeldOutCategories level 2: categories where some tasks are held out
 * @param heldOutTasksPerCategory    level 2: tasks held out in each partially held-out category
 * @param heldOutInstanceFraction    level 3: fraction of each training task's instances held out
 * @param maxEvalInstancesPerTask    cap on dev (validation) instances per task (the paper uses 250)
 * @param testCategories             evaluation tasks of these categories are test tasks, at any level (the paper's
 *                                   dev and test use different held-out categories)
 * @param testFraction               of the other evaluation tasks, this fraction of each level's data sources
 *                                   (chosen by seed) is test, the rest dev; a level with one source keeps it in dev
 * @param maxTestInstancesPerTask    cap on test instances per task; 0 keeps every instance (the paper's test keeps
 *                                   all examples, §2.4)
 */
public record SplitSpec(
        long seed,
        List<String> heldOutCategories,
        List<String> partiallyHeldOutCategories,
        int heldOutTasksPerCategory,
        double heldOutInstanceFraction,
        int maxEvalInstancesPerTask,
        List<String> testCategories,
        double testFraction,
        int maxTestInstancesPerTask) {
    @JsonCreator
    public SplitSpec {
        heldOutCategories = heldOutCategories == null ? List.of() : List.copyOf(heldOutCategories);
        partiallyHeldOutCategories = partiallyHeldOutCategories == null ? List.of() : List.copyOf(partiallyHeldOutCategories);
        testCategories = testCategories == null ? List.of() : List.copyOf(testCategories);
    }

    /** A split without a test part: every evaluation task is dev. */
    public SplitSpec(long seed, List<String> heldOutCategories, List<String> partiallyHeldOutCategories,
                     int heldOutTasksPerCategory, double heldOutInstanceFraction, int maxEvalInstancesPerTask) {
        this(seed, heldOutCategories, partiallyHeldOutCategories, heldOutTasksPerCategory, heldOutInstanceFraction,
                maxEvalInstancesPerTask, List.of(), 0, 0);
    }

    /**
     * Seed 7, no categories named (a spec names the bench's categories), one task held out per
     * partially held-out category, 20% of each training task's instances held out for level 3, at
     * most 250 dev instances per task (OPT-IML §4.1), half of each level's other data sources in test,
     * and every test instance kept.
     */
    public static SplitSpec defaults() {
        return new SplitSpec(7, List.of(), List.of(), 1, 0.2, 250, List.of(), 0.5, 0);
    }
}
