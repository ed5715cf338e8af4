package io.imlab.cookbook.mixture;

/**
 * What packing produced.
 *
 * @param sequences         packed sequences written
 * @param sequenceLength    tokens per sequence
 * @param examples          examples inside the written sequences
 * @param truncatedExamples examples longer than a sequence, left-truncated (OPT-IML §3.3)
 * @param lossTokens        tokens with loss (targets and end-of-document)
 * @param paddingTokens     padding tokens
 */
public record PackingStats(
        long sequences, int sequenceLength, long examples, long truncatedExamples, long lossTokens, long paddingTokens) {

    /** All token positions, padding included. */
    public long tokens() {
        return sequences * sequenceLength;
    }
}
