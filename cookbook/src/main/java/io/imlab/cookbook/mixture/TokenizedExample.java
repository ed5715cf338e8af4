package io.imlab.cookbook.mixture;

/**
 * One example as tokens: source ids, target ids, end-of-document; the loss mask is 1 on the target and
 * the end-of-document only (OPT-IML §3.1 label loss).
 *
 * @param tokens   token ids
 * @param lossMask 1 where the token is a training target
 */
public record TokenizedExample(int[] tokens, byte[] lossMask) {
    public TokenizedExample {
        if (tokens.length != lossMask.length) {
            throw new IllegalArgumentException("tokens and loss mask must have the same length");
        }
    }

    public int length() {
        return tokens.length;
    }
}
