package io.imlab.trainer;

/**
 * Progress after one optimizer step.
 *
 * @param step         1-based step number
 * @param totalSteps   steps of the whole run
 * @param loss         mean label loss over the step's target tokens
 * @param learningRate learning rate of the step's update
 * @param gradientNorm global gradient norm before clipping
 * @param tokens       input tokens processed since the run began (including before a resume)
 * @param tokensPerSecond throughput since the previous report
 */
public record StepMetrics(
        int step, int totalSteps, double loss, double learningRate, double gradientNorm, long tokens,
        double tokensPerSecond) {
}
