package io.imlab.workflows.payload;

import java.util.List;

/**
 * An experiment's live progress, as its query returns it.
 *
 * @param experiment experiment name
 * @param runId      the run
 * @param step       the step running now, or the last one run when the experiment has ended
 *                   (null before the first step starts)
 * @param status     running, completed or failed
 * @param completed  steps finished, in order
 * @param failure    why it failed, naming the step; null unless failed
 */
public record ExperimentProgress(String experiment, String runId, ExperimentStep step, RunStatus status,
                                 List<ExperimentStep> completed, String failure) {
    public ExperimentProgress {
        completed = completed == null ? List.of() : List.copyOf(completed);
    }
}
