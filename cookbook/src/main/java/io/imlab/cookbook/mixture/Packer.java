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
    private final int eosId;
    private final int padId;
    // The open sequence. Handed to the sink as they are when full, and replaced by fresh arrays, so a
    // sequence is written once and never copied.
    private int[] tokens;
    private byte[] mask;
    private int[] segments;
    private int used;
    private int segment;
    private long tokensAdded;

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
        this.eosId = tokenizer.eosId();
        this.padId = tokenizer.padId();
        openSequence();
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
        ids[length - 1] = eosId;
        byte[] lossMask = new byte[length];
        Arrays.fill(lossMask, src.length, length, (byte) 1);
        return new TokenizedExample(ids, lossMask);
    }

    /**
     * Tokenizes and adds one example, exactly as {@code add(tokenize(source, target))} but straight into the
     * open sequence: source ids, target ids and end-of-document are copied once, with no example-sized
     * array in between (the mixture's hot path).
     *
     * @return whether left truncation cut the example ({@link #truncates})
     */
    public boolean add(String source, String target) {
        int[] src = tokenizer.encode(source);
        int[] tgt = tokenizer.encode(target);
        int length = src.length + tgt.length + 1;
        // Left truncation (OPT-IML §3.3): skip the first `from` tokens of source ++ target ++ eos.
        int from = Math.max(0, length - sequenceLength);
        int kept = length - from;
        open(kept);
        int at = used;
        if (from < src.length) {
            int n = src.length - from;
            System.arraycopy(src, from, tokens, at, n);
            at += n;
        }
        int targetFrom = Math.max(0, from - src.length);
        int n = tgt.length - targetFrom;
        if (n > 0) {
            System.arraycopy(tgt, targetFrom, tokens, at, n);
            at += n;
        }
        tokens[at] = eosId;
        // Loss on the target and end-of-document only (OPT-IML §3.1 label loss).
        int lossFrom = used + Math.max(0, src.length - from);
        Arrays.fill(mask, lossFrom, used + kept, (byte) 1);
        close(kept);
        return from > 0;
    }

    /** Adds one example; emits zero, one or two sequences to the sink. */
    public void add(TokenizedExample example) {
        int length = example.length();
        int from = 0;
        if (length > sequenceLength) {
            from = length - sequenceLength;
            length = sequenceLength;
        }
        open(length);
        System.arraycopy(example.tokens(), from, tokens, used, length);
        System.arraycopy(example.lossMask(), from, mask, used, length);
        close(length);
    }

    /** Makes room for an example of {@code length} ≤ sequence length tokens: emits the open sequence when it does not fit. */
    private void open(int length) {
        if (used + length > sequenceLength) {
            flush();
        }
        segment++;
    }

    /** Numbers the example just copied at {@code used} and emits the sequence when it is full. */
    private void close(int length) {
        tokensAdded += length;
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
        // The arrays are fresh per sequence, so loss mask and segment ids are already 0 on the padding.
        Arrays.fill(tokens, used, sequenceLength, padId);
        PackedSequence full = new PackedSequence(tokens, mask, segments);
        openSequence();
        sink.accept(full);
    }

    private void openSequence() {
        tokens = new int[sequenceLength];
        mask = new byte[sequenceLength];
        segments = new int[sequenceLength];
        used = 0;
        segment = 0;
    }

    /** Whether an example of this many tokens is cut by left truncation. */
    public boolean truncates(TokenizedExample example) {
        return example.length() > sequenceLength;
    }

    /** Tokens of the examples added so far, after left truncation (padding not counted). */
    public long tokensAdded() {
        return tokensAdded;
    }

    public int sequenceLength() {
        return sequenceLength;
    }
}
