package io.imlab.cookbook.leakage;

import java.util.Arrays;

/**
 * Hashes the word n-grams of a text to 64-bit values without building any strings: tokens are maximal runs of
 * letters or digits, lower-cased, each hashed with FNV-1a; an n-gram's hash is a polynomial rolling hash of
 * its token hashes, updated in O(1) per token. Punctuation and spacing differences do not change the hashes,
 * so "sequences that share 13 words" match whatever their formatting.
 *
 * <p>Not thread-safe: holds a reusable output buffer.
 */
public final class NgramHasher {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long BASE = 0x9E3779B97F4A7C15L;

    /** ASCII fast path: the lower-cased character for letters and digits, 0 for separators. */
    private static final char[] ASCII = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            ASCII[c] = Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0;
        }
    }

    private final int n;
    private final long basePowNMinus1;
    private final long[] window;
    private long[] hashes = new long[1024];
    private int count;

    public NgramHasher(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        this.n = n;
        this.window = new long[n];
        long pow = 1;
        for (int i = 0; i < n - 1; i++) {
            pow *= BASE;
        }
        this.basePowNMinus1 = pow;
    }

    /**
     * Hashes every n-gram of the texts, read as one token stream (so an n-gram may span from one text into
     * the next, as it does in the instantiated sequence input-then-target). A stream shorter than n tokens
     * has no n-grams.
     *
     * @return the number of hashes, readable with {@link #hash(int)} until the next call
     */
    public int hash(String... texts) {
        count = 0;
        int tokens = 0;
        long rolling = 0;
        for (String text : texts) {
            int length = text.length();
            int i = 0;
            while (i < length) {
                char c = text.charAt(i);
                char folded = c < 128 ? ASCII[c] : (Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0);
                if (folded == 0) {
                    i++;
                    continue;
                }
                long token = FNV_OFFSET;
                while (true) {
                    token = (token ^ folded) * FNV_PRIME;
                    if (++i >= length) {
                        break;
                    }
                    c = text.charAt(i);
                    folded = c < 128 ? ASCII[c] : (Character.isLetterOrDigit(c) ? Character.toLowerCase(c) : 0);
                    if (folded == 0) {
                        break;
                    }
                }
                int slot = tokens % n;
                if (tokens >= n) {
                    rolling -= window[slot] * basePowNMinus1;
                }
                rolling = rolling * BASE + token;
                window[slot] = token;
                tokens++;
                if (tokens >= n) {
                    add(mix(rolling));
                }
            }
        }
        return count;
    }

    /** The i-th hash of the last {@link #hash} call. */
    public long hash(int i) {
        return hashes[i];
    }

    public int n() {
        return n;
    }

    private void add(long value) {
        if (count == hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        hashes[count++] = value;
    }

    /** splitmix64's finalizer: spreads the polynomial hash over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
