package io.imlab.cookbook.pack;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Random access to a packed dataset folder written by {@link PackedDatasetWriter}: the three parallel
 * Megatron indexed datasets and the {@code packed.json} header. Thread-safe.
 */
public final class PackedDatasetReader implements AutoCloseable {
    private final PackedDatasetInfo info;
    private final IndexedDatasetReader tokens;
    private final IndexedDatasetReader mask;
    private final IndexedDatasetReader segments;

    public PackedDatasetReader(Path dir) {
        try {
            this.info = new ObjectMapper().readValue(dir.resolve(PackedDatasetWriter.HEADER).toFile(), PackedDatasetInfo.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + ": not a complete packed dataset (no " + PackedDatasetWriter.HEADER + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(PackedDatasetWriter.HEADER), e);
        }
        if (!PackedDatasetWriter.FORMAT.equals(info.format())) {
            throw new IllegalArgumentException(dir + ": unsupported packed format " + info.format()
                    + "; this reader reads " + PackedDatasetWriter.FORMAT + " (rebuild the mixture)");
        }
        tokens = new IndexedDatasetReader(dir.resolve(PackedDatasetWriter.TOKENS));
        mask = new IndexedDatasetReader(dir.resolve(PackedDatasetWriter.LOSS_MASK));
        segments = new IndexedDatasetReader(dir.resolve(PackedDatasetWriter.SEGMENTS));
        for (IndexedDatasetReader part : new IndexedDatasetReader[] {tokens, mask, segments}) {
            if (part.sequences() != info.sequences()) {
                close();
                throw new IllegalArgumentException(dir + ": a dataset holds " + part.sequences() + " sequences, the header "
                        + info.sequences() + " (truncated?)");
            }
        }
    }

    public PackedDatasetInfo info() {
        return info;
    }

    public long size() {
        return info.sequences();
    }

    public PackedSequence get(long index) {
        if (index < 0 || index >= info.sequences()) {
            throw new IndexOutOfBoundsException("sequence " + index + " of " + info.sequences());
        }
        PackedSequence sequence = new PackedSequence(tokens.get(index), mask.getBytes(index), segments.get(index));
        if (sequence.length() != info.sequenceLength()) {
            throw new IllegalStateException("sequence " + index + " has " + sequence.length() + " tokens, the header says "
                    + info.sequenceLength());
        }
        return sequence;
    }

    @Override
    public void close() {
        tokens.close();
        mask.close();
        segments.close();
    }
}
