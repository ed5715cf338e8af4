package io.imlab.cookbook.eval;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Scores of one generalization level at one shot count.
 *
 * @param level          the level's label, e.g. {@code fully-held-out}
 * @param shots          demonstrations asked for per prompt
 * @param score          mean over categories of the mean over the category's tasks (OPT-IML §4.1)
 * @param categoryScores mean task score per category
 * @param tasks          per-task scores
 * @param examples       every scored query
 */
public record EvaluationResult(
        String level,
        int shots,
        double score,
        Map<String, Double> categoryScores,
        List<TaskScore> tasks,
        List<ScoredExample> examples) {
    public EvaluationResult {
        categoryScores = Collections.unmodifiableMap(new TreeMap<>(categoryScores));
        tasks = List.copyOf(tasks);
        examples = List.copyOf(examples);
    }
}
