package io.imlab.activities.evaluation;

import io.imlab.cookbook.eval.EvaluationResult;
import io.imlab.cookbook.eval.LevelEvaluation;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One level's entry under {@code levels} in {@code scores.json}: everything about a {@link LevelEvaluation}
 * but its examples (those go to {@code examples.jsonl}). Reports read this shape.
 */
public final class EvaluationDetails {
    private EvaluationDetails() {
    }

    /**
     * {@code chance}, {@code combined}, {@code combinedInterval}; {@code shots.<k>} with {@code score},
     * {@code interval}, {@code categories}, {@code categoryIntervals}, {@code dataSources}, {@code collections},
     * {@code groups}, {@code tasks}; {@code format}, {@code formatOverall}, {@code sensitivity},
     * {@code sensitivityOverall}, {@code taskSensitivity}.
     */
    public static Map<String, Object> of(LevelEvaluation evaluation) {
        Map<String, Object> level = new LinkedHashMap<>();
        level.put("chance", evaluation.chance());
        level.put("combined", evaluation.combined());
        level.put("combinedInterval", evaluation.combinedInterval());
        Map<String, Object> shots = new LinkedHashMap<>();
        for (EvaluationResult result : evaluation.results()) {
            Map<String, Object> atShots = new LinkedHashMap<>();
            atShots.put("score", result.score());
            atShots.put("interval", result.interval());
            atShots.put("categories", result.categoryScores());
            atShots.put("categoryIntervals", result.categoryIntervals());
            atShots.put("dataSources", result.aggregate().dataSources());
            atShots.put("collections", result.aggregate().collections());
            atShots.put("groups", result.aggregate().groups());
            atShots.put("tasks", result.tasks());
            shots.put(Integer.toString(result.shots()), atShots);
        }
        level.put("shots", shots);
        level.put("format", evaluation.format());
        level.put("formatOverall", evaluation.formatOverall());
        level.put("sensitivity", evaluation.sensitivity());
        level.put("sensitivityOverall", evaluation.sensitivityOverall());
        level.put("taskSensitivity", evaluation.taskSensitivity());
        return level;
    }
}
