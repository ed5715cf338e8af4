package io.imlab.trainer;

import java.util.List;
import java.util.Optional;

/**
 * How a call to {@link TrainingRun#run()} or {@link TrainingRun#runUntil(int)} ended.
 *
 * @param step            steps completed
 * @param totalSteps      steps of the whole run
 * @param finalLoss       loss of the last step taken (NaN when no step was taken)
 * @param tokens          input tokens processed since the run began
 * @param seconds         wall time of this call
 * @param lossHistory     loss of every step since the run began
 * @param lastCheckpoint  the newest checkpoint written, if any
 */
public record TrainingSummary(
        int step, int totalSteps, double finalLoss, long tokens, double seconds,
        List<TrainerState.StepLoss> lossHistory, Optional<Checkpoint> lastCheckpoint) {

    /** Whether the run has taken all its steps. */
    public boolean finished() {
        return step >= totalSteps;
    }
}
