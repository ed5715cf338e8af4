package io.imlab.trainer;

/** Receives training progress; see {@link JsonLinesProgress} for the pod contract's JSON lines. */
public interface ProgressListener {
    /** Called after every optimizer step. */
    void onStep(StepMetrics metrics);

    /** Called once when {@link TrainingRun#run()} or {@link TrainingRun#runUntil(int)} returns. */
    default void onFinish(TrainingSummary summary) {
    }
}
