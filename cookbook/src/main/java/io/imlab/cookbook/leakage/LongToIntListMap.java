package io.imlab.cookbook.leakage;

import java.util.Arrays;

/**
 * A compact multimap from 64-bit keys to lists of small ints (n-gram hash → ids of the eval instances that
 * contain it): open addressing over one {@code long[]} of (key, list head) slot pairs, so an insert or a lookup
 * touches one cache line of the table, each head starting a linked list kept in two {@code int[]} node arrays.
 * About 32 bytes per distinct key plus 8 per (key, id) pair, no boxing.
 *
 * <p>Ids must be added in non-decreasing order (instance by instance): a repeated (key, id) is then detected in O(1)
 * by looking at the list head, so each id appears at most once per key.
 *
 * <p>A key's slot is taken from its top bits (below {@code skipBits} bits every key of the map shares, such as a shard
 * number), so {@link #addAll} can insert a batch in slot order: a table of several MiB is then filled region by region
 * from cache instead of with a cache miss per key.
 */
final class LongToIntListMap {
    private static final int NONE = -1;

    /** Slot i: the key at {@code 2i}, the head node at {@code 2i + 1} ({@link #NONE}: an empty slot). */
    private long[] slots;
    private int size;
    private int mask;
    /** Top bits every key shares (not used to pick slots). */
    private final int skipBits;
    /** {@code 64 - log2(slots)}: a key's first slot is {@code (key << skipBits) >>> shift}. */
    private int shift;
    private int[] nodeValue;
    private int[] nodeNext;
    private int nodes;

    LongToIntListMap(int expectedKeys) {
        this(expectedKeys, 1 << 16);
    }

    /**
     * @param expectedKeys  distinct keys to hold without growing the table
     * @param expectedPairs (key, value) pairs to hold without growing the node arrays
     */
    LongToIntListMap(int expectedKeys, int expectedPairs) {
        this(expectedKeys, expectedPairs, 0);
    }

    /**
     * @param expectedKeys  distinct keys to hold without growing the table
     * @param expectedPairs (key, value) pairs to hold without growing the node arrays
     * @param skipBits      top bits that every key of the map shares (0 to 16)
     */
    LongToIntListMap(int expectedKeys, int expectedPairs, int skipBits) {
        if (skipBits < 0 || skipBits > 16) {
            throw new IllegalArgumentException("skipBits must be 0 to 16, got " + skipBits);
        }
        this.skipBits = skipBits;
        int capacity = Integer.highestOneBit(Math.max(16, expectedKeys * 2 - 1)) << 1;
        slots = emptySlots(capacity);
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        nodeValue = new int[Math.max(16, expectedPairs)];
        nodeNext = new int[nodeValue.length];
    }

    /**
     * Adds {@code value} to the list of {@code key}, unless it already heads that list.
     *
     * @return whether {@code key} is new to the map
     */
    boolean add(long key, int value) {
        int slot = slot(key);
        int head = (int) slots[slot + 1];
        if (head == NONE) {
            slots[slot] = key;
            slots[slot + 1] = newNode(value, NONE);
            if (++size * 4 > slots.length) {
                grow();
            }
            return true;
        }
        if (nodeValue[head] != value) {
            slots[slot + 1] = newNode(value, head);
        }
        return false;
    }

    /**
     * Adds {@code values[i]} to the list of {@code keys[i]} for every {@code i < count}, as calling {@link #add} in that
     * order would (each key's values keep their order), but in slot order: the pairs are first sorted stably by the top
     * bits of their slot (a counting sort into at most 1024 regions, sequential reads and 1024 write streams), so the
     * inserts walk the table from one end to the other.
     */
    void addAll(long[] keys, int[] values, int count) {
        int regionBits = Math.min(10, Integer.numberOfTrailingZeros(mask + 1));
        int regionShift = 64 - regionBits;
        int[] starts = new int[(1 << regionBits) + 1];
        for (int i = 0; i < count; i++) {
            starts[(int) ((keys[i] << skipBits) >>> regionShift) + 1]++;
        }
        for (int r = 0; r < 1 << regionBits; r++) {
            starts[r + 1] += starts[r];
        }
        long[] sortedKeys = new long[count];
        int[] sortedValues = new int[count];
        for (int i = 0; i < count; i++) {
            int at = starts[(int) ((keys[i] << skipBits) >>> regionShift)]++;
            sortedKeys[at] = keys[i];
            sortedValues[at] = values[i];
        }
        for (int i = 0; i < count; i++) {
            add(sortedKeys[i], sortedValues[i]);
        }
    }

    /** The first node of the list of {@code key}, or -1. */
    int head(long key) {
        return (int) slots[slot(key) + 1];
    }

    int value(int node) {
        return nodeValue[node];
    }

    /** The node after {@code node}, or -1. */
    int next(int node) {
        return nodeNext[node];
    }

    /** Calls {@code action} with every distinct key. */
    void forEachKey(java.util.function.LongConsumer action) {
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i + 1] != NONE) {
                action.accept(slots[i]);
            }
        }
    }

    /** Distinct keys. */
    int size() {
        return size;
    }

    /** (key, value) pairs. */
    int pairs() {
        return nodes;
    }

    /** The index in {@link #slots} of the key's pair: where it is, or the empty slot where it would go. */
    private int slot(long key) {
        // Keys are already mixed n-gram hashes: their top bits spread them evenly.
        int slot = (int) ((key << skipBits) >>> shift);
        while (slots[2 * slot + 1] != NONE && slots[2 * slot] != key) {
            slot = (slot + 1) & mask;
        }
        return 2 * slot;
    }

    private static long[] emptySlots(int capacity) {
        long[] slots = new long[2 * capacity];
        for (int i = 1; i < slots.length; i += 2) {
            slots[i] = NONE;
        }
        return slots;
    }

    private int newNode(int value, int next) {
        if (nodes == nodeValue.length) {
            nodeValue = Arrays.copyOf(nodeValue, nodes * 2);
            nodeNext = Arrays.copyOf(nodeNext, nodes * 2);
        }
        nodeValue[nodes] = value;
        nodeNext[nodes] = next;
        return nodes++;
    }

    private void grow() {
        long[] old = slots;
        slots = emptySlots(old.length);   // twice the slots: old.length / 2 pairs before
        mask = old.length - 1;
        shift--;
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != NONE) {
                int slot = slot(old[i]);
                slots[slot] = old[i];
                slots[slot + 1] = old[i + 1];
            }
        }
    }
}
