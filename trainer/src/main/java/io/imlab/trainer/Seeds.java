package io.imlab.trainer;

/** Derives independent seeds from the run seed, so every random stream is a pure function of it. */
final class Seeds {
    private Seeds() {
    }

    /** SplitMix64 finalizer over the inputs: well mixed, stable across JVMs. */
    static long mix(long seed, long index, long stream) {
        long z = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L + stream;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The engine seed for weight initialization. */
    static int initialization(long seed) {
        return (int) mix(seed, -1, 0x1A17L);
    }

    /** The engine seed set before 0-based step {@code step}; dropout masks depend only on it. */
    static int step(long seed, int step) {
        return (int) mix(seed, step, 0xD50FL);
    }
}
