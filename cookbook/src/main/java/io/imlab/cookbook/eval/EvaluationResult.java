package io.imlab.cookbook.eval;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores of one generalization level at one shot count.
 *
 * @param level              the level's label, e.g. {@code level1}
 * @param shots              demonstrations asked for per prompt
 * @param score              the level score: {@link ScoreAggregate#level()}
 * @param categoryScores     score per category
 * @param aggregate          every aggregation step (task groups, data sources, categories, collections)
 * @param interval           bootstrap 95% interval of the level score ({@link Interval#NONE} without bootstrap)
 * @param categoryIntervals  bootstrap 95% interval per category
 * @param tasks              per-task scores
 * @param examples           every scored query
 */
public record EvaluationResult(
        String level,
        int shots,
        double score,
        Map<String, Double> categoryScores,
        ScoreAggregate aggregate,
        Interval interval,
        Map<String, Interval> categoryIntervals,
        List<TaskScore> tasks,
        List<ScoredExample> examples) {
    public EvaluationResult {
        categoryScores = Collections.unmodifiableMap(new TreeMap<>(categoryScores));
        categoryIntervals = Collections.unmodifiableMap(new TreeMap<>(categoryIntervals));
        tasks = List.copyOf(tasks);
        examples = List.copyOf(examples);
    }

    /** The same scores with bootstrap intervals attached. */
    public EvaluationResult withIntervals(Interval levelInterval, Map<String, Interval> perCategory) {
        return new EvaluationResult(level, shots, score, categoryScores, aggregate, levelInterval, perCategory, tasks, examples);
    }
}
