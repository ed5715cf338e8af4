package io.imlab.trainer;

import java.util.SplittableRandom;

/**
 * Which packed sequences make up each step's batch: a pure function of (seed, step), so a resumed run
 * needs nothing but the step number to see exactly the batches the interrupted run would have seen.
 *
 * <p>Sample {@code k = step · batchSize + i} is position {@code k mod N} of the permutation of epoch
 * {@code k / N}; each epoch's permutation is a Fisher–Yates shuffle seeded by (seed, epoch).
 */
public final class DataOrder {
    private final long seed;
    private final long sequences;
    private final int batchSize;
    private long cachedEpoch = -1;
    private int[] cachedPermutation;

    public DataOrder(long seed, long sequences, int batchSize) {
        if (sequences < 1 || sequences > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("dataset must hold 1 to 2^31-1 sequences, has " + sequences);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("training.batchSize: must be ≥ 1, was " + batchSize);
        }
        this.seed = seed;
        this.sequences = sequences;
        this.batchSize = batchSize;
    }

    /** Number of samples consumed before {@code step}: the data cursor recorded in checkpoints. */
    public long cursor(int step) {
        return (long) step * batchSize;
    }

    /** Sequence indices of the batch of 0-based step {@code step}. */
    public long[] batch(int step) {
        long[] indices = new long[batchSize];
        long first = cursor(step);
        for (int i = 0; i < batchSize; i++) {
            long sample = first + i;
            indices[i] = permutation(sample / sequences)[(int) (sample % sequences)];
        }
        return indices;
    }

    private int[] permutation(long epoch) {
        if (epoch != cachedEpoch) {
            int n = (int) sequences;
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            SplittableRandom random = new SplittableRandom(Seeds.mix(seed, epoch, 0x5EED_DA7AL));
            for (int i = n - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            cachedPermutation = order;
            cachedEpoch = epoch;
        }
        return cachedPermutation;
    }
}
