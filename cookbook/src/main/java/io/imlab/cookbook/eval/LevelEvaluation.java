package io.imlab.cookbook.eval;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One generalization level evaluated at every shot count, with its diagnostics.
 *
 * @param level             the level's label
 * @param results           one result per shot count, 0-shot first
 * @param chance            the score uniform guessing among candidates would expect
 * @param combined          mean of the level scores over the shot counts: with 0 and k shots, the paper's
 *                          model-selection score (OPT-IML §4.1)
 * @param combinedInterval  bootstrap 95% interval of {@code combined}
 * @param format            output-format compliance and verbosity per category, over all shot counts
 * @param formatOverall     the same over every category
 * @param sensitivity       per category, how much 0-shot scores move across templates and delimiters
 * @param sensitivityOverall the same over every probed task
 * @param taskSensitivity   each probed task's score per prompt variant
 */
public record LevelEvaluation(
        String level,
        List<EvaluationResult> results,
        double chance,
        double combined,
        Interval combinedInterval,
        Map<String, FormatStats> format,
        FormatStats formatOverall,
        Map<String, SensitivityStats> sensitivity,
        SensitivityStats sensitivityOverall,
        List<TaskSensitivity> taskSensitivity) {
    public LevelEvaluation {
        results = List.copyOf(results);
        format = Collections.unmodifiableMap(new TreeMap<>(format));
        sensitivity = Collections.unmodifiableMap(new TreeMap<>(sensitivity));
        taskSensitivity = List.copyOf(taskSensitivity);
    }
}
