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
}
