package io.imlab.cookbook.split;

import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;

import java.util.List;
import java.util.Objects;

/**
 * What the split needs of a task, without its text: name, collection, category, data source and, per instance (in
 * the task's order), two hashes of its input. A build's first pass computes them straight from the JSON parser's
 * buffer, so that the split of a large bench holds a few bytes per instance instead of the tasks (the tasks are read
 * again, one at a time, when the bench is written).
 *
 * <p>An input is identified by both hashes: {@link String#hashCode} (which the level-3 hold-out's keys are made of,
 * as when it ran on strings) and a 64-bit polynomial hash ({@link #inputKey}); two different inputs count as one
 * only if they agree on all 96 bits.
 *
 * @param name        task name
 * @param collection  the task's collection
 * @param category    the task's category (resolved through the taxonomy)
 * @param dataSource  the task's data source, the unit of leakage control (OPT-IML §2.3)
 * @param inputHashes {@link String#hashCode} of each instance's input
 * @param inputKeys   {@link #inputKey} of each instance's input
 */
public record TaskOutline(String name, String collection, String category, String dataSource, int[] inputHashes,
                          long[] inputKeys) {
    private static final long KEY_MULTIPLIER = 0x9E3779B97F4A7C15L;
    private static final long KEY_MULTIPLIER_2 = KEY_MULTIPLIER * KEY_MULTIPLIER;
    private static final long KEY_MULTIPLIER_3 = KEY_MULTIPLIER_2 * KEY_MULTIPLIER;
    private static final long KEY_MULTIPLIER_4 = KEY_MULTIPLIER_3 * KEY_MULTIPLIER;

    public TaskOutline {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(dataSource, "dataSource");
        if (inputHashes.length != inputKeys.length) {
            throw new IllegalArgumentException("task " + name + ": " + inputHashes.length + " input hashes but "
                    + inputKeys.length + " input keys");
        }
    }

    /** The outline of a task held in memory. */
    public static TaskOutline of(Task task) {
        List<Instance> instances = task.instances();
        int[] hashes = new int[instances.size()];
        long[] keys = new long[instances.size()];
        for (int i = 0; i < hashes.length; i++) {
            String input = instances.get(i).input();
            hashes[i] = input.hashCode();
            keys[i] = inputKey(input);
        }
        return new TaskOutline(task.name(), task.collection(), task.category(), task.dataSource(), hashes, keys);
    }

    /** Number of instances. */
    public int size() {
        return inputHashes.length;
    }

    /** The outline of the instances at {@code positions}, in that order. */
    public TaskOutline select(int[] positions) {
        int[] hashes = new int[positions.length];
        long[] keys = new long[positions.length];
        for (int i = 0; i < positions.length; i++) {
            hashes[i] = inputHashes[positions[i]];
            keys[i] = inputKeys[positions[i]];
        }
        return new TaskOutline(name, collection, category, dataSource, hashes, keys);
    }

    /** The 64-bit input key of a text: a polynomial hash of its UTF-16 units, mixed. */
    public static long inputKey(String text) {
        long key = 0;
        for (int i = 0; i < text.length(); i++) {
            key = key * KEY_MULTIPLIER + text.charAt(i);
        }
        return StableSeeds.mix(key ^ text.length());
    }

    /**
     * {@link String#hashCode} and {@link #inputKey} of {@code chars[offset, offset + length)}, as a string of those
     * characters would give them, without building it.
     */
    public static void hashInput(char[] chars, int offset, int length, int[] hashes, long[] keys, int at) {
        int hash = 0;
        long key = 0;
        int i = offset;
        int end = offset + length;
        // four characters a step: the same polynomials (h·31⁴ + c₀·31³ + … ; mod 2³² and 2⁶⁴ alike), a quarter of the
        // multiply-to-multiply latency chain of the one-character loop
        for (; i + 3 < end; i += 4) {
            hash = hash * 923_521 + chars[i] * 29_791 + chars[i + 1] * 961 + chars[i + 2] * 31 + chars[i + 3];
            key = key * KEY_MULTIPLIER_4 + chars[i] * KEY_MULTIPLIER_3 + chars[i + 1] * KEY_MULTIPLIER_2
                    + chars[i + 2] * KEY_MULTIPLIER + chars[i + 3];
        }
        for (; i < end; i++) {
            hash = 31 * hash + chars[i];
            key = key * KEY_MULTIPLIER + chars[i];
        }
        hashes[at] = hash;
        keys[at] = StableSeeds.mix(key ^ length);
    }
}
