package io.imlab.cookbook.split;

import io.imlab.cookbook.task.Task;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A bench split into training tasks and the evaluation tasks of the three generalization levels.
 * A level-3 evaluation task has the same name as the training task whose instances it holds out. Each
 * evaluation task is either dev or test ({@link EvalSplit}).
 *
 * @param trainTasks    tasks to train on, each with its training instances only
 * @param evalTasks     evaluation tasks by level (dev and test), each capped at its split's instance limit
 * @param excludedTasks tasks dropped by the data-source leakage rule
 * @param testTasks     names of the test tasks by level; every other evaluation task is dev
 */
public record SplitResult(List<Task> trainTasks, Map<GeneralizationLevel, List<Task>> evalTasks, List<ExcludedTask> excludedTasks,
                          Map<GeneralizationLevel, Set<String>> testTasks) {
    public SplitResult {
        trainTasks = List.copyOf(trainTasks);
        EnumMap<GeneralizationLevel, List<Task>> copy = new EnumMap<>(GeneralizationLevel.class);
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            copy.put(level, List.copyOf(evalTasks.getOrDefault(level, List.of())));
        }
        evalTasks = java.util.Collections.unmodifiableMap(copy);
        excludedTasks = excludedTasks == null ? List.of() : List.copyOf(excludedTasks);
        EnumMap<GeneralizationLevel, Set<String>> tests = new EnumMap<>(GeneralizationLevel.class);
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            tests.put(level, Set.copyOf(testTasks == null ? Set.of() : testTasks.getOrDefault(level, Set.of())));
        }
        testTasks = java.util.Collections.unmodifiableMap(tests);
    }

    /** A split whose evaluation tasks are all dev. */
    public SplitResult(List<Task> trainTasks, Map<GeneralizationLevel, List<Task>> evalTasks, List<ExcludedTask> excludedTasks) {
        this(trainTasks, evalTasks, excludedTasks, Map.of());
    }

    /** The evaluation tasks of one level, dev and test (possibly empty). */
    public List<Task> evalTasks(GeneralizationLevel level) {
        return evalTasks.get(level);
    }

    /** The evaluation tasks of one level in one split. */
    public List<Task> evalTasks(GeneralizationLevel level, EvalSplit split) {
        return evalTasks.get(level).stream().filter(t -> splitOf(level, t.name()) == split).toList();
    }

    /** Whether the evaluation task {@code taskName} of {@code level} is dev or test. */
    public EvalSplit splitOf(GeneralizationLevel level, String taskName) {
        return testTasks.get(level).contains(taskName) ? EvalSplit.TEST : EvalSplit.DEV;
    }

    public int trainTaskCount() {
        return trainTasks.size();
    }

    public long trainInstanceCount() {
        return instances(trainTasks);
    }

    public int evalTaskCount(GeneralizationLevel level) {
        return evalTasks(level).size();
    }

    public long evalInstanceCount(GeneralizationLevel level) {
        return instances(evalTasks(level));
    }

    private static long instances(List<Task> tasks) {
        return tasks.stream().mapToLong(t -> t.instances().size()).sum();
    }
}
