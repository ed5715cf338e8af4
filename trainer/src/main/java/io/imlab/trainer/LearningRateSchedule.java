package io.imlab.trainer;

/**
 * Linear warmup to the peak learning rate, then linear decay towards 0 at the last step (OPT-IML §3.3;
 * metaseq's {@code polynomial_decay} with power 1 and end rate 0).
 *
 * @param peak        learning rate reached at the end of warmup
 * @param warmupSteps steps of linear warmup
 * @param totalSteps  steps of the whole run
 */
public record LearningRateSchedule(double peak, int warmupSteps, int totalSteps) {

    public LearningRateSchedule {
        if (totalSteps < 1) {
            throw new IllegalArgumentException("training.steps: must be ≥ 1, was " + totalSteps);
        }
        if (warmupSteps < 0 || warmupSteps >= totalSteps) {
            throw new IllegalArgumentException(
                    "training.warmupSteps: must be in [0, training.steps), was " + warmupSteps);
        }
    }

    /** Learning rate of the update with 0-based index {@code step}. */
    public double at(int step) {
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        return peak * (double) (totalSteps - step) / (totalSteps - warmupSteps);
    }
}
