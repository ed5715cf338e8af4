package io.imlab.cookbook.split;

import io.imlab.cookbook.task.Task;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A bench split into training tasks and the evaluation tasks of the three generalization levels.
 * A level-3 evaluation task has the same name as the training task whose instances it holds out.
 *
 * @param trainTasks    tasks to train on, each with its training instances only
 * @param evalTasks     evaluation tasks by level, each capped at the split's instance limit
 * @param excludedTasks tasks dropped by the data-source leakage rule
 */
public record SplitResult(List<Task> trainTasks, Map<GeneralizationLevel, List<Task>> evalTasks, List<ExcludedTask> excludedTasks) {
    public SplitResult {
        trainTasks = List.copyOf(trainTasks);
        EnumMap<GeneralizationLevel, List<Task>> copy = new EnumMap<>(GeneralizationLevel.class);
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            copy.put(level, List.copyOf(evalTasks.getOrDefault(level, List.of())));
        }
        evalTasks = java.util.Collections.unmodifiableMap(copy);
        excludedTasks = excludedTasks == null ? List.of() : List.copyOf(excludedTasks);
    }

    /** The evaluation tasks of one level (possibly empty). */
    public List<Task> evalTasks(GeneralizationLevel level) {
        return evalTasks.get(level);
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
