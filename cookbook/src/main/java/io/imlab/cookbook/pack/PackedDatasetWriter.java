package io.imlab.cookbook.pack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes packed sequences to a folder: {@code tokens.bin} (uint16 little-endian), {@code loss_mask.bin}
 * (one byte per token), {@code segments.bin} (uint16 little-endian) and, on {@link #close()}, the header
 * {@code packed.json}. A folder without the header is incomplete.
 */
public final class PackedDatasetWriter implements AutoCloseable {
    public static final String FORMAT = "imlab-packed-v1";
    public static final String HEADER = "packed.json";
    public static final String TOKENS = "tokens.bin";
    public static final String LOSS_MASK = "loss_mask.bin";
    public static final String SEGMENTS = "segments.bin";

    private final Path dir;
    private final int sequenceLength;
    private final int vocabSize;
    private final int eosId;
    private final int padId;
    private final String tokenizer;
    private final OutputStream tokens;
    private final OutputStream mask;
    private final OutputStream segments;
    private long count;
    private boolean closed;

    public PackedDatasetWriter(Path dir, int sequenceLength, int vocabSize, int eosId, int padId, String tokenizer) {
        if (vocabSize > 65536) {
            throw new IllegalArgumentException("vocabulary of " + vocabSize + " does not fit uint16 token ids");
        }
        this.dir = dir;
        this.sequenceLength = sequenceLength;
        this.vocabSize = vocabSize;
        this.eosId = eosId;
        this.padId = padId;
        this.tokenizer = tokenizer;
        try {
            Files.createDirectories(dir);
            this.tokens = new BufferedOutputStream(Files.newOutputStream(dir.resolve(TOKENS)), 1 << 16);
            this.mask = new BufferedOutputStream(Files.newOutputStream(dir.resolve(LOSS_MASK)), 1 << 16);
            this.segments = new BufferedOutputStream(Files.newOutputStream(dir.resolve(SEGMENTS)), 1 << 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create packed dataset in " + dir, e);
        }
    }

    public void write(PackedSequence sequence) {
        if (sequence.length() != sequenceLength) {
            throw new IllegalArgumentException(
                    "sequence of length " + sequence.length() + " in a dataset of length " + sequenceLength);
        }
        try {
            for (int i = 0; i < sequenceLength; i++) {
                writeUint16(tokens, sequence.tokens()[i]);
                writeUint16(segments, sequence.segmentIds()[i]);
            }
            mask.write(sequence.lossMask());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write packed dataset in " + dir, e);
        }
        count++;
    }

    public long count() {
        return count;
    }

    private static void writeUint16(OutputStream out, int value) throws IOException {
        if (value < 0 || value > 0xffff) {
            throw new IllegalArgumentException("value " + value + " does not fit uint16");
        }
        out.write(value & 0xff);
        out.write(value >>> 8);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            tokens.close();
            mask.close();
            segments.close();
            PackedDatasetInfo info = new PackedDatasetInfo(FORMAT, sequenceLength, count, vocabSize, eosId, padId, tokenizer);
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(HEADER).toFile(), info);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish packed dataset in " + dir, e);
        }
    }
}
