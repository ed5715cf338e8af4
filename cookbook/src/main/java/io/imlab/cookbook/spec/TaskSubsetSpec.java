package io.imlab.cookbook.spec;

import java.util.List;

/**
 * A subset of the training tasks for scaling experiments (OPT-IML §4.2, Tables 17 and 18). Subsets are
 * nested: tasks and categories are ranked once by a hash of ({@code seed}, name) and a subset of size n
 * takes the first n, so for one seed the 16-task subset lies inside the 64-task one, and the 4-category
 * subset inside the 16-category one.
 *
 * @param seed               ranks tasks and categories; keep it fixed across a scaling grid
 * @param tasks              keep this many training tasks; 0 keeps all
 * @param categories         keep the tasks of this many categories; 0 keeps all
 * @param alwaysCategories   categories ranked first, so every category subset holds them (the paper
 *                           always includes QA, Summarization and Dialogue Generation, Table 18)
 * @param onlyTasks          restrict training to these task names (before {@code tasks} is applied); empty
 *                           means every training task
 */
public record TaskSubsetSpec(long seed, int tasks, int categories, List<String> alwaysCategories, List<String> onlyTasks) {
    public TaskSubsetSpec {
        alwaysCategories = alwaysCategories == null ? List.of() : List.copyOf(alwaysCategories);
        onlyTasks = onlyTasks == null ? List.of() : List.copyOf(onlyTasks);
    }

    public static TaskSubsetSpec defaults() {
        return new TaskSubsetSpec(1, 0, 0, List.of(), List.of());
    }

    /** Whether any restriction applies. */
    public boolean active() {
        return tasks > 0 || categories > 0 || !onlyTasks.isEmpty();
    }
}
