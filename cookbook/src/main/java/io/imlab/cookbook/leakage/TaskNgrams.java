package io.imlab.cookbook.leakage;

import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;

import java.util.List;

/**
 * The n-gram hashes of every instance of one task, computed once (for a build: right after the task's file is
 * parsed, while its text is still in cache, on the ingest's worker threads) and reused by the overlap check for
 * whichever instances the caps and the split keep. Those keep the {@link Instance} objects, in order, so an
 * instance of a capped or split task is found here by identity ({@link #forEachInstance}); no text is hashed
 * twice. Memory: 8 bytes per n-gram (≈ 23 MiB for the 2.9 M 13-grams of the shared SuperNI tasks).
 *
 * <p>Immutable once built; safe to read from several threads.
 */
public final class TaskNgrams {
    private static final ThreadLocal<long[][]> SCRATCH = ThreadLocal.withInitial(() -> new long[][] {new long[1 << 16]});

    private final List<Instance> instances;
    private final int ngram;
    private final long[] hashes;
    /** Instance i's hashes are {@code hashes[starts[i], starts[i + 1])}. */
    private final int[] starts;

    private TaskNgrams(List<Instance> instances, int ngram, long[] hashes, int[] starts) {
        this.instances = instances;
        this.ngram = ngram;
        this.hashes = hashes;
        this.starts = starts;
    }

    /** Hashes every instance of {@code task}'s instantiated sequence (input, then every reference). */
    public static TaskNgrams of(Task task, NgramHasher hasher) {
        List<Instance> instances = task.instances();
        int[] starts = new int[instances.size() + 1];
        // collected in a per-thread buffer and copied once: the only allocation is the result
        long[][] buffer = SCRATCH.get();
        long[] hashes = buffer[0];
        int total = 0;
        for (int i = 0; i < instances.size(); i++) {
            int count = hashInstance(hasher, instances.get(i));
            if (hashes.length < total + count) {
                hashes = java.util.Arrays.copyOf(hashes, Math.max(total + count, hashes.length * 2));
            }
            hasher.copyHashes(hashes, total);
            total += count;
            starts[i + 1] = total;
        }
        buffer[0] = hashes;
        return new TaskNgrams(instances, hasher.n(), java.util.Arrays.copyOf(hashes, total), starts);
    }

    /**
     * The hashes of a task hashed elsewhere (a streaming first pass over its file, with no {@link Instance} objects):
     * instance i's hashes are {@code hashes[starts[i], starts[i + 1])}. Its instances are addressed by position
     * ({@link #forEachInstance(int[], InstanceHashes)}), not by identity.
     */
    public static TaskNgrams ofHashes(int ngram, long[] hashes, int[] starts) {
        if (starts.length == 0 || starts[0] != 0 || starts[starts.length - 1] != hashes.length) {
            throw new IllegalArgumentException("starts must run from 0 to the number of hashes");
        }
        return new TaskNgrams(null, ngram, hashes, starts);
    }

    /** Number of hashed instances. */
    public int instanceCount() {
        return starts.length - 1;
    }

    /** A copy of the hashes of the instance at {@code position}, in the order of its n-grams. */
    public long[] hashesOf(int position) {
        return java.util.Arrays.copyOfRange(hashes, starts[position], starts[position + 1]);
    }

    /** Number of n-gram hashes of the instances at {@code positions}. */
    public long hashCount(int[] positions) {
        long total = 0;
        for (int k : positions) {
            total += starts[k + 1] - starts[k];
        }
        return total;
    }

    /** Number of n-gram hashes over all instances. */
    public int hashCount() {
        return hashes.length;
    }

    /**
     * Calls {@code action} with the hashes of the instances at {@code positions} (indices into the hashed instances),
     * in that order.
     */
    void forEachInstance(int[] positions, InstanceHashes action) {
        for (int k : positions) {
            action.accept(hashes, starts[k], starts[k + 1]);
        }
    }

    /** n of the n-grams. */
    public int ngram() {
        return ngram;
    }

    /** Receives one instance's hashes: {@code hashes[from, to)}. The array must not be modified. */
    @FunctionalInterface
    interface InstanceHashes {
        void accept(long[] hashes, int from, int to);
    }

    /**
     * Calls {@code action} with the hashes of every instance of {@code subset}, in its order.
     *
     * @throws IllegalArgumentException when {@code subset}'s instances are not an ordered subsequence (by
     *                                  identity) of the hashed task's instances
     */
    void forEachInstance(Task subset, InstanceHashes action) {
        if (instances == null) {
            throw new IllegalStateException("task " + subset.name() + ": hashes from a streaming pass are addressed by position");
        }
        int k = 0;
        int size = instances.size();
        for (Instance instance : subset.instances()) {
            while (k < size && instances.get(k) != instance) {
                k++;
            }
            if (k == size) {
                throw new IllegalArgumentException("task " + subset.name() + ": instance " + instance.id()
                        + " is not one of the hashed instances, or not in their order");
            }
            action.accept(hashes, starts[k], starts[k + 1]);
            k++;
        }
    }

    /** Hashes an instance's instantiated sequence: its input, then its references, as one token stream. */
    static int hashInstance(NgramHasher hasher, Instance instance) {
        List<String> outputs = instance.outputs();
        String[] texts = new String[1 + outputs.size()];
        texts[0] = instance.input();
        for (int i = 0; i < outputs.size(); i++) {
            texts[i + 1] = outputs.get(i);
        }
        return hasher.hash(texts);
    }
}
