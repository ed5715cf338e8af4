package io.imlab.cookbook.mixture;

import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.tokenize.Tokenizer;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Packs examples greedily, in arrival order, into fixed-length sequences (OPT-IML §3.2): an example
 * goes into the current sequence when it fits, otherwise the current sequence is padded and emitted and
 * the example starts the next one. Each example ends with end-of-document, so end-of-document separates
 * packed examples. Segment ids number the examples 1, 2, … within a sequence and are 0 on padding, so
 * the trainer can mask attention across examples and restart positions (document attention masking,
 * §3.2). An example longer than a sequence keeps its last {@code sequenceLength} tokens (left
 * truncation, §3.3): the target and end-of-document survive, the start of the prompt is dropped.
 *
 * <p>The loss mask marks target tokens and end-of-document. The first token of an example with an empty
 * source is a target too (dialogue and plain text, Table 6); with segment masking nothing inside the
 * example precedes it, so a trainer that only scores predictions within a segment skips it.
 */
public final class Packer {
    private final Tokenizer tokenizer;
    private final int sequenceLength;
    private final Consumer<PackedSequence> sink;
    private final int[] tokens;
    private final byte[] mask;
    private final int[] segments;
    private int used;
    private int segment;

    /**
     * @param sink receives each full sequence; it may ignore sequences beyond what it needs
     */
    public Packer(Tokenizer tokenizer, int sequenceLength, Consumer<PackedSequence> sink) {
        if (sequenceLength < 2) {
            throw new IllegalArgumentException("sequence length must be ≥ 2, got " + sequenceLength);
        }
        this.tokenizer = tokenizer;
        this.sequenceLength = sequenceLength;
        this.sink = sink;
        this.tokens = new int[sequenceLength];
        this.mask = new byte[sequenceLength];
        this.segments = new int[sequenceLength];
    }

    /**
     * Source and target are tokenized separately, so the boundary between them is exact (metaseq
     * tokenizes {@code src + " " + tgt} at once and masks the source prefix; the target here carries
     * that space itself).
     */
    public TokenizedExample tokenize(String source, String target) {
        int[] src = tokenizer.encode(source);
        int[] tgt = tokenizer.encode(target);
        int length = src.length + tgt.length + 1;
        int[] ids = Arrays.copyOf(src, length);
        System.arraycopy(tgt, 0, ids, src.length, tgt.length);
        ids[length - 1] = tokenizer.eosId();
        byte[] lossMask = new byte[length];
        Arrays.fill(lossMask, src.length, length, (byte) 1);
        return new TokenizedExample(ids, lossMask);
    }

    /** Tokenizes and adds one example. */
    public void add(String source, String target) {
        add(tokenize(source, target));
    }

    /** Adds one example; emits zero, one or two sequences to the sink. */
    public void add(TokenizedExample example) {
        int length = example.length();
        int from = 0;
        if (length > sequenceLength) {
            from = length - sequenceLength;
            length = sequenceLength;
        }
        if (used + length > sequenceLength) {
            flush();
        }
        segment++;
        System.arraycopy(example.tokens(), from, tokens, used, length);
        System.arraycopy(example.lossMask(), from, mask, used, length);
        Arrays.fill(segments, used, used + length, segment);
        used += length;
        if (used == sequenceLength) {
            flush();
        }
    }

    /** Pads and emits the current sequence, if it holds any example. */
    public void flush() {
        if (used == 0) {
            return;
        }
        Arrays.fill(tokens, used, sequenceLength, tokenizer.padId());
        Arrays.fill(mask, used, sequenceLength, (byte) 0);
        Arrays.fill(segments, used, sequenceLength, 0);
        sink.accept(new PackedSequence(tokens.clone(), mask.clone(), segments.clone()));
        used = 0;
        segment = 0;
    }

    /** Whether an example of this many tokens is cut by left truncation. */
    public boolean truncates(TokenizedExample example) {
        return example.length() > sequenceLength;
    }

    public int sequenceLength() {
        return sequenceLength;
    }
}
