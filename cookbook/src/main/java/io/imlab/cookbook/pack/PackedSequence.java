package io.imlab.cookbook.pack;

/**
 * One fixed-length training sequence holding one or more packed examples.
 *
 * @param tokens     token ids, length = sequence length; padding uses the tokenizer's pad id
 * @param lossMask   1 where the token is a training target (predicted from the previous position), else 0
 * @param segmentIds 0 for padding, 1, 2, … for the first, second, … example in the sequence; the trainer
 *                   masks attention across segments and restarts positions at each one
 */
public record PackedSequence(int[] tokens, byte[] lossMask, int[] segmentIds) {
    public PackedSequence {
        if (tokens.length != lossMask.length || tokens.length != segmentIds.length) {
            throw new IllegalArgumentException("tokens, loss mask and segment ids must have the same length");
        }
    }

    public int length() {
        return tokens.length;
    }
}
