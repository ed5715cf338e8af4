package io.imlab.cookbook.mixture;

import java.util.Random;

/**
 * Visits 0..n-1 in a random order, each index once per cycle, then starts a new random order — in
 * constant memory, so a sampler's memory grows with the number of tasks, not of examples. Each cycle is
 * an affine permutation {@code i -> (a*i + b) mod n} with {@code gcd(a, n) = 1}.
 */
final class ShuffledCycle {
    private final int size;
    private long multiplier;
    private long offset;
    private int position;

    ShuffledCycle(int size, Random random) {
        if (size <= 0) {
            throw new IllegalArgumentException("cannot cycle over " + size + " items");
        }
        this.size = size;
        reshuffle(random);
    }

    int next(Random random) {
        if (position == size) {
            reshuffle(random);
        }
        return (int) ((multiplier * position++ + offset) % size);
    }

    private void reshuffle(Random random) {
        position = 0;
        if (size == 1) {
            multiplier = 1;
            offset = 0;
            return;
        }
        long a;
        do {
            a = 1 + random.nextInt(size - 1);
        } while (gcd(a, size) != 1);
        multiplier = a;
        offset = random.nextInt(size);
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
