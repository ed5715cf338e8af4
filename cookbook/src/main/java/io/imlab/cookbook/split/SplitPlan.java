package io.imlab.cookbook.split;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A split as decisions about instance positions, made on {@link TaskOutline}s: which task goes where, with which of
 * its instances. {@link ThreeLevelSplitter#split} applies a plan to tasks in memory; a two-pass build applies it to
 * each task when it reads the task again to write it.
 *
 * @param trainTasks    training tasks, each with the positions of its training instances
 * @param evalTasks     evaluation tasks by level (dev and test), each with the positions of its kept instances
 * @param excludedTasks tasks dropped by the data-source leakage rule
 * @param testTasks     names of the test tasks by level; every other evaluation task is dev
 */
public record SplitPlan(List<Part> trainTasks, Map<GeneralizationLevel, List<Part>> evalTasks, List<ExcludedTask> excludedTasks,
                        Map<GeneralizationLevel, Set<String>> testTasks) {
    public SplitPlan {
        trainTasks = List.copyOf(trainTasks);
        EnumMap<GeneralizationLevel, List<Part>> eval = new EnumMap<>(GeneralizationLevel.class);
        EnumMap<GeneralizationLevel, Set<String>> test = new EnumMap<>(GeneralizationLevel.class);
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            eval.put(level, List.copyOf(evalTasks.getOrDefault(level, List.of())));
            test.put(level, Set.copyOf(testTasks.getOrDefault(level, Set.of())));
        }
        evalTasks = java.util.Collections.unmodifiableMap(eval);
        testTasks = java.util.Collections.unmodifiableMap(test);
        excludedTasks = List.copyOf(excludedTasks);
    }

    /**
     * One task's share of a split.
     *
     * @param task      the task's name
     * @param instances positions of the instances in the outline the plan was made from, increasing
     */
    public record Part(String task, int[] instances) {
        public Part {
            Objects.requireNonNull(task, "task");
            Objects.requireNonNull(instances, "instances");
        }
    }

    /** The evaluation tasks of one level, dev and test. */
    public List<Part> evalTasks(GeneralizationLevel level) {
        return evalTasks.get(level);
    }

    /** Whether the evaluation task {@code taskName} of {@code level} is dev or test. */
    public EvalSplit splitOf(GeneralizationLevel level, String taskName) {
        return testTasks.get(level).contains(taskName) ? EvalSplit.TEST : EvalSplit.DEV;
    }
}
