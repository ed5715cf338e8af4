package io.imlab.cookbook.pack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes packed sequences to a folder as three parallel datasets in Megatron-LM's indexed-dataset layout
 * ({@link IndexedDatasetWriter}; one packed sequence per Megatron sequence and document):
 * <ul>
 *   <li>{@code tokens.bin}/{@code tokens.idx}: token ids, uint16 (int32 when the vocabulary exceeds 65,536);</li>
 *   <li>{@code loss_mask.bin}/{@code loss_mask.idx}: 1 where the token is a training target, uint8;</li>
 *   <li>{@code segments.bin}/{@code segments.idx}: segment ids (0 padding, 1, 2, … per packed example), uint16;</li>
 * </ul>
 * and, on {@link #close()}, the header {@code packed.json}. A folder without the header is incomplete.
 * A Megatron trainer reads {@code tokens} directly with {@code IndexedDataset("dir/tokens")}.
 */
public final class PackedDatasetWriter implements AutoCloseable {
    public static final String FORMAT = "imlab-packed-v2";
    public static final String HEADER = "packed.json";
    /** Path prefixes (without {@code .bin}/{@code .idx}) of the three datasets. */
    public static final String TOKENS = "tokens";
    public static final String LOSS_MASK = "loss_mask";
    public static final String SEGMENTS = "segments";

    private final Path dir;
    private final int sequenceLength;
    private final int vocabSize;
    private final int eosId;
    private final int padId;
    private final String tokenizer;
    private final IndexedDatasetWriter tokens;
    private final IndexedDatasetWriter mask;
    private final IndexedDatasetWriter segments;
    private long count;
    private boolean closed;

    public PackedDatasetWriter(Path dir, int sequenceLength, int vocabSize, int eosId, int padId, String tokenizer) {
        if (sequenceLength < 1) {
            throw new IllegalArgumentException("sequence length must be ≥ 1, got " + sequenceLength);
        }
        this.dir = dir;
        this.sequenceLength = sequenceLength;
        this.vocabSize = vocabSize;
        this.eosId = eosId;
        this.padId = padId;
        this.tokenizer = tokenizer;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create packed dataset in " + dir, e);
        }
        IndexedDatasetDtype tokenType = IndexedDatasetDtype.forMaxValue(vocabSize - 1L) == IndexedDatasetDtype.INT32
                ? IndexedDatasetDtype.INT32 : IndexedDatasetDtype.UINT16;
        IndexedDatasetDtype segmentType = sequenceLength <= 0xffff ? IndexedDatasetDtype.UINT16 : IndexedDatasetDtype.INT32;
        this.tokens = new IndexedDatasetWriter(dir.resolve(TOKENS), tokenType);
        this.mask = new IndexedDatasetWriter(dir.resolve(LOSS_MASK), IndexedDatasetDtype.UINT8);
        this.segments = new IndexedDatasetWriter(dir.resolve(SEGMENTS), segmentType);
    }

    public void write(PackedSequence sequence) {
        if (sequence.length() != sequenceLength) {
            throw new IllegalArgumentException(
                    "sequence of length " + sequence.length() + " in a dataset of length " + sequenceLength);
        }
        tokens.add(sequence.tokens());
        mask.add(sequence.lossMask());
        segments.add(sequence.segmentIds());
        count++;
    }

    public long count() {
        return count;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        tokens.close();
        mask.close();
        segments.close();
        PackedDatasetInfo info = new PackedDatasetInfo(FORMAT, sequenceLength, count, vocabSize, eosId, padId, tokenizer);
        try {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(HEADER).toFile(), info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish packed dataset in " + dir, e);
        }
    }
}
