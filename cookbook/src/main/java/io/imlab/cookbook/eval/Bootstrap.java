package io.imlab.cookbook.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded bootstrap 95% intervals for level and category scores. Each replicate resamples every task's
 * instances with replacement (the task keeps its size) and re-aggregates in the paper's order
 * ({@link ScoreAggregate}). The same resampled instances are used at every shot count, so the interval
 * of the combined 0-shot/k-shot average reflects that both are measured on one set of instances.
 */
public final class Bootstrap {
    private Bootstrap() {
    }

    /**
     * Instance scores of one task at each shot count, the same instances in the same order.
     *
     * @param task           the task (its score is replaced by each replicate's mean)
     * @param scoresByShots  per shot count, one score per instance
     */
    public record TaskSample(TaskScore task, Map<Integer, double[]> scoresByShots) {
    }

    /**
     * @param level      per shot count, the interval of the level score
     * @param combined   the interval of the mean of the level scores over shot counts (the paper's
     *                   model-selection score when the shots are 0 and k)
     * @param categories per shot count, per category, the interval of the category score
     */
    public record Result(Map<Integer, Interval> level, Interval combined, Map<Integer, Map<String, Interval>> categories) {
        public static final Result NONE = new Result(Map.of(), Interval.NONE, Map.of());
    }

    /** Intervals from {@code samples} replicates drawn from {@code seed}; {@link Result#NONE} when samples is 0. */
    public static Result intervals(List<TaskSample> tasks, List<Integer> shots, int samples, long seed) {
        if (samples <= 0 || tasks.isEmpty()) {
            return Result.NONE;
        }
        SplittableRandom random = new SplittableRandom(seed);
        Map<Integer, double[]> levels = new HashMap<>();
        Map<Integer, Map<String, double[]>> categories = new HashMap<>();
        shots.forEach(k -> {
            levels.put(k, new double[samples]);
            categories.put(k, new LinkedHashMap<>());
        });
        double[] combined = new double[samples];
        for (int b = 0; b < samples; b++) {
            Map<Integer, List<TaskScore>> replicate = new HashMap<>();
            shots.forEach(k -> replicate.put(k, new ArrayList<>(tasks.size())));
            for (TaskSample task : tasks) {
                int n = task.scoresByShots().get(shots.get(0)).length;
                int[] draw = new int[n];
                for (int i = 0; i < n; i++) {
                    draw[i] = random.nextInt(n);
                }
                for (int k : shots) {
                    double[] scores = task.scoresByShots().get(k);
                    double sum = 0;
                    for (int i : draw) {
                        sum += scores[i];
                    }
                    replicate.get(k).add(task.task().withScore(sum / n));
                }
            }
            double total = 0;
            for (int k : shots) {
                ScoreAggregate aggregate = ScoreAggregate.of(replicate.get(k));
                levels.get(k)[b] = aggregate.level();
                total += aggregate.level();
                int replicateIndex = b;
                aggregate.categories().forEach((category, score) ->
                        categories.get(k).computeIfAbsent(category, c -> new double[samples])[replicateIndex] = score);
            }
            combined[b] = total / shots.size();
        }
        Map<Integer, Interval> levelIntervals = new LinkedHashMap<>();
        Map<Integer, Map<String, Interval>> categoryIntervals = new LinkedHashMap<>();
        for (int k : shots) {
            levelIntervals.put(k, percentiles(levels.get(k)));
            Map<String, Interval> perCategory = new LinkedHashMap<>();
            categories.get(k).forEach((category, values) -> perCategory.put(category, percentiles(values)));
            categoryIntervals.put(k, perCategory);
        }
        return new Result(levelIntervals, percentiles(combined), categoryIntervals);
    }

    /** The 2.5th and 97.5th percentiles, linearly interpolated between order statistics. */
    static Interval percentiles(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return new Interval(quantile(sorted, 0.025), quantile(sorted, 0.975));
    }

    static double quantile(double[] sorted, double p) {
        double position = p * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        double fraction = position - below;
        return sorted[below] + fraction * (sorted[above] - sorted[below]);
    }
}
