package io.imlab.cookbook.mixture;

import io.imlab.cookbook.spec.SpecProblem;
import io.imlab.cookbook.spec.TaskSubsetSpec;
import io.imlab.cookbook.task.Task;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Nested task and category subsets for the paper's scaling experiments (OPT-IML §4.2, Table 17: 16 → 1531
 * tasks; Table 18: 4 → 93 clusters). Every task and category gets a rank from a hash of (seed, name) that
 * does not depend on the subset size; a subset of size n is the first n in rank order. So for one seed the
 * 16-task subset is a prefix, and thus a subset, of the 64-task one — the scaling curve measures adding
 * tasks, not swapping them.
 */
public final class TaskSubsets {
    private TaskSubsets() {
    }

    /**
     * The training tasks that {@code subset} keeps, sorted by name. Problems (unknown names, subsets larger
     * than what is available) are added to {@code problems} with their field paths; the result is then
     * unspecified.
     */
    public static List<Task> select(List<Task> tasks, TaskSubsetSpec subset, List<SpecProblem> problems) {
        if (!subset.active()) {
            return sortedByName(tasks);
        }
        List<Task> pool = tasks;
        if (!subset.onlyTasks().isEmpty()) {
            Map<String, Task> byName = new HashMap<>();
            tasks.forEach(task -> byName.put(task.name(), task));
            pool = new ArrayList<>();
            for (int i = 0; i < subset.onlyTasks().size(); i++) {
                Task task = byName.get(subset.onlyTasks().get(i));
                if (task == null) {
                    problems.add(new SpecProblem("recipe.subset.onlyTasks[" + i + "]",
                            "no training task named \"" + subset.onlyTasks().get(i) + "\""));
                } else {
                    pool.add(task);
                }
            }
        }

        if (subset.categories() > 0 || !subset.alwaysCategories().isEmpty()) {
            Set<String> available = new TreeSet<>();
            pool.forEach(task -> available.add(task.category()));
            for (int i = 0; i < subset.alwaysCategories().size(); i++) {
                if (!available.contains(subset.alwaysCategories().get(i))) {
                    problems.add(new SpecProblem("recipe.subset.alwaysCategories[" + i + "]",
                            "no training task has category \"" + subset.alwaysCategories().get(i) + "\""));
                }
            }
            if (subset.categories() > available.size()) {
                problems.add(new SpecProblem("recipe.subset.categories", subset.categories()
                        + " categories requested but the training tasks have only " + available.size()));
            }
            Set<String> kept = new LinkedHashSet<>(subset.alwaysCategories());
            available.stream()
                    .sorted(Comparator.comparingLong((String category) -> rank(subset.seed(), "category", category))
                            .thenComparing(Comparator.naturalOrder()))
                    .forEach(kept::add);
            int count = subset.categories() > 0 ? subset.categories() : kept.size();
            Set<String> chosen = new LinkedHashSet<>(new ArrayList<>(kept).subList(0, Math.min(count, kept.size())));
            pool = pool.stream().filter(task -> chosen.contains(task.category())).toList();
        }

        if (subset.tasks() > 0) {
            if (subset.tasks() > pool.size()) {
                problems.add(new SpecProblem("recipe.subset.tasks", subset.tasks()
                        + " tasks requested but only " + pool.size() + " training tasks are available"
                        + (pool.size() < tasks.size() ? " after the category and name restrictions" : "")));
            }
            pool = pool.stream()
                    .sorted(Comparator.comparingLong((Task task) -> rank(subset.seed(), "task", task.name()))
                            .thenComparing(Task::name))
                    .limit(subset.tasks())
                    .toList();
        }
        return sortedByName(pool);
    }

    /** A task's or category's place in the subset order: the first 8 bytes of SHA-256(seed, kind, name). */
    static long rank(long seed, String kind, String name) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] hash = digest.digest((seed + "\u0000" + kind + "\u0000" + name).getBytes(StandardCharsets.UTF_8));
            long value = 0;
            for (int i = 0; i < 8; i++) {
                value = (value << 8) | (hash[i] & 0xff);
            }
            return value;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    private static List<Task> sortedByName(List<Task> tasks) {
        return tasks.stream().sorted(Comparator.comparing(Task::name)).toList();
    }
}
