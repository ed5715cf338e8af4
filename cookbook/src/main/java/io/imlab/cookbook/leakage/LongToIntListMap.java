package io.imlab.cookbook.leakage;

import java.util.Arrays;

/**
 * A compact multimap from 64-bit keys to lists of small ints (n-gram hash → ids of the eval instances that
 * contain it): open addressing over a {@code long[]} of keys, each slot heading a linked list kept in two
 * {@code int[]} node arrays. About 20 bytes per distinct key plus 8 per (key, id) pair, no boxing.
 *
 * <p>Ids must be added in non-decreasing order (instance by instance): a repeated (key, id) is then detected in O(1)
 * by looking at the list head, so each id appears at most once per key.
 */
final class LongToIntListMap {
    private static final int NONE = -1;

    private long[] keys;
    private int[] heads;
    private int size;
    private int mask;
    private int[] nodeValue = new int[1 << 16];
    private int[] nodeNext = new int[1 << 16];
    private int nodes;

    LongToIntListMap(int expectedKeys) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedKeys * 2 - 1)) << 1;
        keys = new long[capacity];
        heads = new int[capacity];
        Arrays.fill(heads, NONE);
        mask = capacity - 1;
    }

    /** Adds {@code value} to the list of {@code key}, unless it already heads that list. */
    void add(long key, int value) {
        int slot = slot(key);
        int head = heads[slot];
        if (head == NONE) {
            keys[slot] = key;
            heads[slot] = newNode(value, NONE);
            if (++size * 2 > keys.length) {
                grow();
            }
        } else if (nodeValue[head] != value) {
            heads[slot] = newNode(value, head);
        }
    }

    /** The first node of the list of {@code key}, or -1. */
    int head(long key) {
        return heads[slot(key)];
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
        for (int i = 0; i < keys.length; i++) {
            if (heads[i] != NONE) {
                action.accept(keys[i]);
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

    private int slot(long key) {
        // Keys are already mixed n-gram hashes: folding the halves spreads them well enough.
        int slot = (int) (key ^ (key >>> 32)) & mask;
        while (heads[slot] != NONE && keys[slot] != key) {
            slot = (slot + 1) & mask;
        }
        return slot;
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
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        keys = new long[oldKeys.length * 2];
        heads = new int[oldKeys.length * 2];
        Arrays.fill(heads, NONE);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldHeads[i] != NONE) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                heads[slot] = oldHeads[i];
            }
        }
    }
}
