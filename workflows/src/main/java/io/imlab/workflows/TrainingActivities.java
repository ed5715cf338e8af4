package io.imlab.workflows;

import io.imlab.workflows.payload.TrainInput;
import io.imlab.workflows.payload.TrainProgress;
import io.imlab.workflows.payload.TrainResult;
import io.temporal.activity.ActivityInterface;

/** Model training. Wire name {@code Training.Train}. */
@ActivityInterface(namePrefix = "Training.")
public interface TrainingActivities {
    /**
     * Trains until {@code training.steps}, writing checkpoints under the input's prefix. Long-running:
     * heartbeats a {@link TrainProgress} at least every {@link StepOptions#TRAINING_HEARTBEAT_TIMEOUT}
     * (a silent attempt is presumed dead and retried), and a retried attempt resumes from the last
     * complete checkpoint. A trainer exit code 2 (bad configuration) fails with
     * {@link FailureTypes#CONFIGURATION_ERROR}, which is never retried.
     */
    TrainResult train(TrainInput input);
}
