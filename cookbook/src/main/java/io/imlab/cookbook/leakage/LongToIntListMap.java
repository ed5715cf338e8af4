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
 */
final class LongToIntListMap {
    private static final int NONE = -1;

    /** Slot i: the key at {@code 2i}, the head node at {@code 2i + 1} ({@link #NONE}: an empty slot). */
    private long[] slots;
    private int size;
    private int mask;
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
        int capacity = Integer.highestOneBit(Math.max(16, expectedKeys * 2 - 1)) << 1;
        slots = emptySlots(capacity);
        mask = capacity - 1;
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
        // Keys are already mixed n-gram hashes: folding the halves spreads them well enough.
        int slot = (int) (key ^ (key >>> 32)) & mask;
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
        for (int i = 0; i < old.length; i += 2) {
            if (old[i + 1] != NONE) {
                int slot = slot(old[i]);
                slots[slot] = old[i];
                slots[slot + 1] = old[i + 1];
            }
        }
    }
}
