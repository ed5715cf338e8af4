package io.imlab.cookbook.mixture;

import io.imlab.cookbook.spec.SpecProblem;
import io.imlab.cookbook.spec.TaskSubsetSpec;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TaskSubsetsTest {
    /** 200 tasks over 20 categories. */
    private static final List<Task> TASKS = tasks();

    private static List<Task> tasks() {
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tasks.add(TaskFixtures.taskLevel("task" + i, i % 2 == 0 ? "supernatural" : "flan", "cat" + (i % 20), "d", 3));
        }
        return tasks;
    }

    private static Set<String> names(List<Task> tasks) {
        Set<String> names = new HashSet<>();
        tasks.forEach(task -> names.add(task.name()));
        return names;
    }

    private static List<Task> select(TaskSubsetSpec spec) {
        List<SpecProblem> problems = new ArrayList<>();
        List<Task> selected = TaskSubsets.select(TASKS, spec, problems);
        assertThat(problems).isEmpty();
        return selected;
    }

    @Test
    void taskSubsetsAreNestedForOneSeed() {
        Set<String> previous = Set.of();
        for (int size : new int[] {4, 16, 64, 128, 200}) {
            Set<String> subset = names(select(new TaskSubsetSpec(42, size, 0, List.of(), List.of())));
            assertThat(subset).hasSize(size).containsAll(previous);
            previous = subset;
        }
    }

    @Test
    void anotherSeedPicksAnotherSubset() {
        Set<String> a = names(select(new TaskSubsetSpec(1, 16, 0, List.of(), List.of())));
        Set<String> b = names(select(new TaskSubsetSpec(2, 16, 0, List.of(), List.of())));
        assertThat(a).isNotEqualTo(b);
        assertThat(names(select(new TaskSubsetSpec(1, 16, 0, List.of(), List.of())))).isEqualTo(a);
    }

    @Test
    void categorySubsetsAreNestedAndKeepTheAlwaysIncludedCategories() {
        Set<String> previous = Set.of();
        for (int size : new int[] {2, 4, 8, 20}) {
            List<Task> selected = select(new TaskSubsetSpec(5, 0, size, List.of("cat7"), List.of()));
            Set<String> categories = new HashSet<>();
            selected.forEach(task -> categories.add(task.category()));
            assertThat(categories).hasSize(size).contains("cat7").containsAll(previous);
            // A category subset keeps all tasks of its categories.
            assertThat(selected).hasSize(size * 10);
            previous = categories;
        }
    }

    @Test
    void onlyTasksRestrictsBeforeCounting() {
        List<Task> selected = select(new TaskSubsetSpec(1, 2, 0, List.of(), List.of("task3", "task5", "task9")));
        assertThat(names(selected)).hasSize(2).isSubsetOf(Set.of("task3", "task5", "task9"));
    }

    @Test
    void listsEveryProblemWithItsPath() {
        List<SpecProblem> problems = new ArrayList<>();
        TaskSubsets.select(TASKS, new TaskSubsetSpec(1, 500, 30, List.of("nope"), List.of("task1", "ghost")), problems);
        assertThat(problems).extracting(SpecProblem::toString).containsExactly(
                "recipe.subset.onlyTasks[1]: no training task named \"ghost\"",
                "recipe.subset.alwaysCategories[0]: no training task has category \"nope\"",
                "recipe.subset.categories: 30 categories requested but the training tasks have only 1",
                "recipe.subset.tasks: 500 tasks requested but only 1 training tasks are available after the category and name restrictions");
    }
}
