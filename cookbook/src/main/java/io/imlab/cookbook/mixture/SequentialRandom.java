package io.imlab.cookbook.mixture;

import java.util.Random;

/**
 * {@link Random}'s exact sequence (the same 48-bit linear congruential generator, so a seed gives the same
 * draws and the same mixtures as {@code new Random(seed)}) without the compare-and-set that makes
 * {@code Random} safe to share between threads. The sampler draws four to six numbers per example from one
 * thread, and the atomic update was a measurable share of the cost of an example. Not thread-safe.
 */
final class SequentialRandom extends Random {
    private static final long MULTIPLIER = 0x5DEECE66DL;
    private static final long ADDEND = 0xBL;
    private static final long MASK = (1L << 48) - 1;

    // No initializer: Random's constructor sets it through setSeed before this class's initializers would run.
    private long state;

    SequentialRandom(long seed) {
        super(seed);
    }

    @Override
    public synchronized void setSeed(long seed) {
        super.setSeed(seed);
        state = (seed ^ MULTIPLIER) & MASK;
    }

    @Override
    protected int next(int bits) {
        state = (state * MULTIPLIER + ADDEND) & MASK;
        return (int) (state >>> (48 - bits));
    }
}
