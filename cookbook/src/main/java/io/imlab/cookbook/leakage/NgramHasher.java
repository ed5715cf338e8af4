package io.imlab.cookbook.leakage;

import java.util.Arrays;

/**
 * Hashes the word n-grams of a text to 64-bit values without building any strings: tokens are maximal runs of
 * letters or digits ({@link Character#isLetterOrDigit(char)}), lower-cased ({@link Character#toLowerCase(char)}),
 * each hashed with FNV-1a; an n-gram's hash is a polynomial rolling hash of its token hashes, updated in O(1) per
 * token, then mixed. Punctuation and spacing differences do not change the hashes, so "sequences that share 13
 * words" match whatever their formatting.
 *
 * <p>The check hashes every character the bench keeps (≈ 25 M on the shared SuperNI tasks), so the character loop
 * is its cost: it reads a copy of the text in a {@code char[]} (one bulk {@link String#getChars} instead of a
 * checked {@link String#charAt} per character) and folds every UTF-16 unit through one table (no branch for
 * non-ASCII text); the tokens' hashes are collected first and rolled into n-gram hashes in a second, tight loop.
 * About twice as fast as hashing through {@code charAt} with the n-gram update inside the character loop, with
 * bit-identical hashes.
 *
 * <p>Not thread-safe: holds reusable buffers. Use one per thread.
 */
public final class NgramHasher {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long BASE = 0x9E3779B97F4A7C15L;

    /** Every UTF-16 unit folded: the lower-cased character for letters and digits, 0 for separators. */
    private static final char[] FOLD = new char[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            FOLD[c] = Character.isLetterOrDigit((char) c) ? Character.toLowerCase((char) c) : 0;
        }
    }

    private final int n;
    private final long basePowNMinus1;
    private char[] chars = new char[1024];
    /** FNV-1a hashes of the tokens of one call, in order. */
    private long[] tokens = new long[256];
    private long[] hashes = new long[1024];
    private int count;
    /** Tokens of the stream begun by {@link #begin}. */
    private int tokenCount;

    public NgramHasher(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        this.n = n;
        long pow = 1;
        for (int i = 0; i < n - 1; i++) {
            pow *= BASE;
        }
        this.basePowNMinus1 = pow;
    }

    /**
     * Hashes every n-gram of the texts, read as one token stream (so an n-gram may span from one text into
     * the next, as it does in the instantiated sequence input-then-target); a token never spans two texts. A
     * stream shorter than n tokens has no n-grams.
     *
     * @return the number of hashes, readable with {@link #hash(int)} until the next call
     */
    public int hash(String... texts) {
        begin();
        for (String text : texts) {
            int length = text.length();
            if (chars.length < length) {
                chars = new char[Math.max(length, chars.length * 2)];
            }
            text.getChars(0, length, chars, 0);
            append(chars, 0, length);
        }
        return end();
    }

    /**
     * Starts a token stream fed by {@link #append} and closed by {@link #end}: the same hashes as {@link #hash(String...)}
     * of the same texts, read straight from a caller's buffer (a JSON parser's, say) without building strings.
     */
    public void begin() {
        tokenCount = 0;
    }

    /** Appends {@code chars[offset, offset + length)} as the next text of the stream (a token never spans two texts). */
    public void append(char[] chars, int offset, int length) {
        tokenCount = tokenize(chars, offset, length, tokenCount);
    }

    /**
     * Ends the stream begun by {@link #begin}: hashes its n-grams.
     *
     * @return the number of hashes, readable with {@link #hash(int)} until the next call
     */
    public int end() {
        count = Math.max(0, tokenCount - n + 1);
        if (hashes.length < count) {
            hashes = new long[Math.max(count, hashes.length * 2)];
        }
        long[] tokenHashes = tokens;
        long[] out = hashes;
        long rolling = 0;
        for (int k = 0; k < tokenCount; k++) {
            // rolling = Σ token[j]·BASE^(k-j) over the last n tokens
            rolling = rolling * BASE + tokenHashes[k];
            if (k >= n - 1) {
                out[k - n + 1] = mix(rolling);
                rolling -= tokenHashes[k - n + 1] * basePowNMinus1;
            }
        }
        return count;
    }

    /** Appends the FNV-1a hashes of the tokens of {@code cs[from, from + length)} to {@link #tokens} from {@code tokenCount}. */
    private int tokenize(char[] cs, int from, int length, int tokenCount) {
        // at most one token per two characters, plus one
        if (tokens.length < tokenCount + length / 2 + 1) {
            tokens = Arrays.copyOf(tokens, Math.max(tokenCount + length / 2 + 1, tokens.length * 2));
        }
        char[] fold = FOLD;
        long[] out = tokens;
        int i = from;
        int limit = from + length;
        while (i < limit) {
            char folded = fold[cs[i]];
            if (folded == 0) {
                i++;
                continue;
            }
            long token = FNV_OFFSET;
            while (true) {
                token = (token ^ folded) * FNV_PRIME;
                if (++i >= limit) {
                    break;
                }
                folded = fold[cs[i]];
                if (folded == 0) {
                    break;
                }
            }
            out[tokenCount++] = token;
        }
        return tokenCount;
    }

    /** The i-th hash of the last {@link #hash} call. */
    public long hash(int i) {
        return hashes[i];
    }

    public int n() {
        return n;
    }

    /** Copies the hashes of the last {@link #hash} call into {@code target} from {@code offset}. */
    public void copyHashes(long[] target, int offset) {
        System.arraycopy(hashes, 0, target, offset, count);
    }

    /** splitmix64's finalizer: spreads the polynomial hash over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
