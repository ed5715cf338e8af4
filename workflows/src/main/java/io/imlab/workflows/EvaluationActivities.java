package io.imlab.workflows;

import io.imlab.workflows.payload.EvalResult;
import io.imlab.workflows.payload.EvaluateInput;
import io.temporal.activity.ActivityInterface;

/** Three-level evaluation. Wire name {@code Evaluation.Evaluate}. */
@ActivityInterface(namePrefix = "Evaluation.")
public interface EvaluationActivities {
    /**
     * Scores the checkpoint on every level, 0-shot and k-shot: rank classification for tasks with
     * candidates, greedy generation with Rouge-L or exact match otherwise (OPT-IML §4.1).
     */
    EvalResult evaluate(EvaluateInput input);
}
