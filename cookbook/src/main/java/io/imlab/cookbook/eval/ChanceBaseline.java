package io.imlab.cookbook.eval;

import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The score a model that guesses uniformly among the candidates would expect, aggregated like real scores
 * ({@link ScoreAggregate}: subtypes, data sources, categories, level). "Above chance" in a report means above this.
 * Generation tasks count 0: a random string has no expected overlap worth crediting.
 */
public final class ChanceBaseline {
    private ChanceBaseline() {
    }

    /** Expected accuracy of uniform guessing over the first {@code maxInstances} instances; 0 for generation. */
    public static double taskChance(Task task, int maxInstances) {
        if (task.metric() != MetricKind.ACCURACY) {
            return 0.0;
        }
        List<Instance> instances = task.instances().subList(0, Math.min(maxInstances, task.instances().size()));
        if (instances.isEmpty()) {
            return 0.0;
        }
        double sum = 0;
        for (Instance instance : instances) {
            sum += instance.candidates().isEmpty() ? 0.0 : 1.0 / instance.candidates().size();
        }
        return sum / instances.size();
    }

    /** Chance level score of a level's tasks, aggregated as {@link Evaluator} aggregates real scores. */
    public static double levelChance(List<Task> tasks, int maxInstances) {
        List<TaskScore> scores = new ArrayList<>();
        for (Task task : tasks) {
            int n = Math.min(maxInstances, task.instances().size());
            scores.add(TaskScore.of(task, n, taskChance(task, maxInstances)));
        }
        return ScoreAggregate.of(scores).level();
    }
}
