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
}
