package io.imlab.cookbook.spec;

import java.util.List;

/**
 * The three generalization levels (OPT-IML §2.3).
 *
 * @param seed                       split seed
 * @param heldOutCategories          level 1: categories held out entirely
 * @param partiallyHeldOutCategories level 2: categories where some tasks are held out
 * @param heldOutTasksPerCategory    level 2: tasks held out in each partially held-out category
 * @param heldOutInstanceFraction    level 3: fraction of each training task's instances held out
 * @param maxEvalInstancesPerTask    cap on evaluation instances per task (the paper uses 250)
 */
public record SplitSpec(
        long seed,
        List<String> heldOutCategories,
        List<String> partiallyHeldOutCategories,
        int heldOutTasksPerCategory,
        double heldOutInstanceFraction,
        int maxEvalInstancesPerTask) {
    public SplitSpec {
        heldOutCategories = heldOutCategories == null ? List.of() : List.copyOf(heldOutCategories);
        partiallyHeldOutCategories = partiallyHeldOutCategories == null ? List.of() : List.copyOf(partiallyHeldOutCategories);
    }

    /**
     * Seed 7, no categories named (a spec names the bench's categories), one task held out per
     * partially held-out category, 20% of each training task's instances held out for level 3, and
     * at most 250 evaluation instances per task (OPT-IML §4.1).
     */
    public static SplitSpec defaults() {
        return new SplitSpec(7, List.of(), List.of(), 1, 0.2, 250);
    }
}
