package io.imlab.trainer.model;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Turns packed token ids and segment ids into the arrays {@link TransformerLm} reads.
 *
 * <p>Following metaseq's {@code self_attn_doc_sep} (OPT-IML §3.2): positions restart at 0 where a new
 * segment begins, and a token may attend only to earlier-or-equal positions <em>of its own segment</em>,
 * so packed examples never see each other. Padding (segment 0) attends within the padding run, which
 * keeps every softmax row non-empty; padding is never a training target.
 */
public final class ModelInputs {
    /** Added to the attention scores of forbidden pairs; large enough that softmax gives exactly 0. */
    static final float MASKED = -1e9f;

    private ModelInputs() {
    }

    /**
     * Builds {@code [tokens (B, T) int64, positions (B, T) int64, attentionBias (B, 1, T, T) float32]}.
     *
     * @param tokens     token ids, one row per sequence, all rows the same length
     * @param segmentIds segment id per token, as in {@link io.imlab.cookbook.pack.PackedSequence}
     */
    public static NDList toNDList(NDManager manager, int[][] tokens, int[][] segmentIds) {
        int batch = tokens.length;
        int time = tokens[0].length;
        long[] ids = new long[batch * time];
        long[] positions = new long[batch * time];
        float[] bias = new float[batch * time * time];
        for (int b = 0; b < batch; b++) {
            int[] row = tokens[b];
            int[] segments = segmentIds[b];
            if (row.length != time || segments.length != time) {
                throw new IllegalArgumentException("row " + b + " has " + row.length + " tokens and "
                        + segments.length + " segment ids, expected " + time);
            }
            int position = 0;
            for (int i = 0; i < time; i++) {
                position = (i > 0 && segments[i] == segments[i - 1]) ? position + 1 : 0;
                ids[b * time + i] = row[i];
                positions[b * time + i] = position;
                int rowBase = (b * time + i) * time;
                for (int j = 0; j < time; j++) {
                    bias[rowBase + j] = (j <= i && segments[j] == segments[i]) ? 0f : MASKED;
                }
            }
        }
        return new NDList(
                manager.create(ids, new Shape(batch, time)),
                manager.create(positions, new Shape(batch, time)),
                manager.create(bias, new Shape(batch, 1, time, time)));
    }

    /** Inputs for sequences that are each one example (segment 1), e.g. a prompt being scored. */
    public static NDList singleSegment(NDManager manager, int[][] tokens, int[] lengths) {
        int[][] segments = new int[tokens.length][];
        for (int b = 0; b < tokens.length; b++) {
            segments[b] = new int[tokens[b].length];
            for (int i = 0; i < lengths[b]; i++) {
                segments[b][i] = 1;
            }
        }
        return toNDList(manager, tokens, segments);
    }

    /**
     * Inputs for continuations of a cached prefix of {@code pastLength} tokens ({@link TransformerLm#continueFrom}):
     * token ids {@code (B, L)}, positions {@code pastLength + j}, and the bias {@code (B, 1, L, pastLength + L)}
     * that lets every token see the whole prefix and the earlier-or-equal tokens of its own row. Rows
     * shorter than {@code L} are padded at the end; real tokens never see the padding, whose outputs are unused.
     *
     * @param tokens     one row per continuation, all rows the same length
     * @param pastLength cached positions; the continuation is one example with the prefix, as in training
     */
    public static NDList continuation(NDManager manager, int[][] tokens, int pastLength) {
        int batch = tokens.length;
        int time = tokens[0].length;
        int keys = pastLength + time;
        long[] ids = new long[batch * time];
        long[] positions = new long[batch * time];
        float[] bias = new float[batch * time * keys];
        for (int b = 0; b < batch; b++) {
            if (tokens[b].length != time) {
                throw new IllegalArgumentException("row " + b + " has " + tokens[b].length + " tokens, expected " + time);
            }
            for (int i = 0; i < time; i++) {
                ids[b * time + i] = tokens[b][i];
                positions[b * time + i] = pastLength + i;
                int rowBase = (b * time + i) * keys;
                for (int j = i + 1; j < time; j++) {
                    bias[rowBase + pastLength + j] = MASKED;
                }
            }
        }
        return new NDList(
                manager.create(ids, new Shape(batch, time)),
                manager.create(positions, new Shape(batch, time)),
                manager.create(bias, new Shape(batch, 1, time, keys)));
    }
}
