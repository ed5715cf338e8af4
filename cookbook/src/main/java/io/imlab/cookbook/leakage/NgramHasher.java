package io.imlab.cookbook.leakage;

import java.util.Arrays;

/**
 * Hashes the word n-grams of a text to 64-bit values without building any strings: tokens are maximal runs of
 * letters or digits ({@link Character#isLetterOrDigit(char)}), lower-cased ({@link Character#toLowerCase(char)});
 * an n-gram's hash is a polynomial rolling hash of its token hashes, updated in O(1) per token, then mixed.
 * Punctuation and spacing differences do not change the hashes, so "sequences that share 13 words" match whatever
 * their formatting.
 *
 * <p>A token's hash: every UTF-16 unit has a fixed 64-bit value (0 for separators; for letters and digits a mixed
 * value of the lower-cased unit, so case folding costs nothing), and a token of values v₀…vₖ hashes to
 * {@code rotl(…rotl(rotl(v₀, 1) ^ v₁, 1)… ^ vₖ)}, i.e. the XOR of each value rotated by its distance from the
 * token's end. Two different tokens of at most 64 units collide only when their values' rotations cancel, which the
 * mixed values make as unlikely as a random 64-bit match; anagrams and transpositions differ because rotations do.
 *
 * <p>The check hashes every character the bench keeps (≈ 25 M on the shared SuperNI tasks), so the character loop
 * is its cost, and branch mispredictions at word boundaries dominated the obvious loop (a branch per character whose
 * outcome follows the text). The loop here has no data-dependent branch: each character's value decides through
 * masks whether it extends the running hash or resets it, and the running hash is stored at the current token slot
 * every character, the slot advancing when a token ends. Its dependency chain is a rotate and an XOR (two cycles) per
 * character, against an FNV-1a multiply chain's four. About 1.8 times as fast as the branching FNV-1a loop it
 * replaced on the shared tasks (single thread, measured in the same JVM). The hashes never leave the process.
 *
 * <p>Not thread-safe: holds reusable buffers. Use one per thread.
 */
public final class NgramHasher {
    private static final long BASE = 0x9E3779B97F4A7C15L;

    /**
     * The value of every UTF-16 unit: 0 for separators; for a letter or digit, the {@code (u + 1)}-th output of
     * splitmix64 (seed 0) for its lower-cased unit {@code u}: {@link #mix} of {@code (u + 1) · γ}, γ = {@link #BASE}. Never 0, since both
     * steps are bijections that map only 0 to 0. (Mixing {@code u + 1} directly is not enough: small consecutive inputs
     * leave XOR relations among the values, and tokens such as "5e" and "2k" then collided.)
     */
    private static final long[] VALUES = new long[Character.MAX_VALUE + 1];

    static {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            VALUES[c] = Character.isLetterOrDigit((char) c) ? value(Character.toLowerCase((char) c)) : 0;
        }
    }

    private final int n;
    private final long basePowNMinus1;
    private char[] chars = new char[1024];
    /** Hashes of the tokens of one call, in order. */
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

    /** Appends the hashes of the tokens of {@code cs[from, from + length)} to {@link #tokens} from {@code tokenCount}. */
    private int tokenize(char[] cs, int from, int length, int tokenCount) {
        // at most one token per two characters, plus one; the loop also stores one slot past the last token
        if (tokens.length < tokenCount + length / 2 + 2) {
            tokens = Arrays.copyOf(tokens, Math.max(tokenCount + length / 2 + 2, tokens.length * 2));
        }
        long[] values = VALUES;
        long[] out = tokens;
        int slot = tokenCount;
        long hash = 0;
        long inToken = 0;   // 1 while the previous character was a letter or digit
        for (int i = from, limit = from + length; i < limit; i++) {
            long value = values[cs[i]];
            long letter = (value | -value) >>> 63;   // 1 for a letter or digit, 0 for a separator
            out[slot] = hash;                        // the running hash of the token in progress (if any)
            slot += (int) (inToken & ~letter);       // a separator after a token: that token is done
            hash = (Long.rotateLeft(hash, 1) ^ value) & -letter;
            inToken = letter;
        }
        out[slot] = hash;
        return slot + (int) inToken;
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

    /** The value of a letter or digit {@code unit} (already lower-cased); see {@link #VALUES}. */
    static long value(char unit) {
        return mix((unit + 1L) * BASE);
    }

    /** splitmix64's finalizer: spreads the polynomial hash over all 64 bits. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
