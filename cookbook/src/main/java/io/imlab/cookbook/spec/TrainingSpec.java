package io.imlab.cookbook.spec;

/**
 * Optimization (OPT-IML §3.3: Adam β=(0.9, 0.95), linear warmup then linear decay, clipping at 1.0).
 *
 * @param seed            initialization and data-order seed
 * @param steps           optimizer steps
 * @param batchSize       sequences per step
 * @param learningRate    peak learning rate
 * @param warmupSteps     linear warmup steps
 * @param gradientClip    global gradient-norm clip
 * @param checkpointEvery steps between checkpoints (a checkpoint is always written at the end)
 */
public record TrainingSpec(
        long seed, int steps, int batchSize, double learningRate, int warmupSteps, double gradientClip,
        int checkpointEvery) {
    /**
     * Defaults sized for a quick CPU run of a tiny model: 300 steps of 16 sequences, peak LR 1e-3
     * (tiny models tolerate far more than the paper's 5e-5), 30 warmup steps, clip 1.0 (§3.3),
     * a checkpoint every 100 steps.
     */
    public static TrainingSpec defaults() {
        return new TrainingSpec(7, 300, 16, 1e-3, 30, 1.0, 100);
    }
}
