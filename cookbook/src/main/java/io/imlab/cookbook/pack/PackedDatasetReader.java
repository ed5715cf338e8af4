package io.imlab.cookbook.pack;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Random access to a packed dataset folder written by {@link PackedDatasetWriter}. Memory-maps the
 * files, so reading a sequence costs no copy of the whole dataset.
 */
public final class PackedDatasetReader implements AutoCloseable {
    private final PackedDatasetInfo info;
    private final FileChannel tokensChannel;
    private final FileChannel maskChannel;
    private final FileChannel segmentsChannel;
    private final ByteBuffer tokens;
    private final ByteBuffer mask;
    private final ByteBuffer segments;

    public PackedDatasetReader(Path dir) {
        try {
            this.info = new ObjectMapper().readValue(dir.resolve(PackedDatasetWriter.HEADER).toFile(), PackedDatasetInfo.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(dir + ": not a complete packed dataset (no " + PackedDatasetWriter.HEADER + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(PackedDatasetWriter.HEADER), e);
        }
        if (!PackedDatasetWriter.FORMAT.equals(info.format())) {
            throw new IllegalArgumentException(dir + ": unsupported packed format " + info.format());
        }
        long tokenCount = info.sequences() * info.sequenceLength();
        try {
            tokensChannel = FileChannel.open(dir.resolve(PackedDatasetWriter.TOKENS), StandardOpenOption.READ);
            maskChannel = FileChannel.open(dir.resolve(PackedDatasetWriter.LOSS_MASK), StandardOpenOption.READ);
            segmentsChannel = FileChannel.open(dir.resolve(PackedDatasetWriter.SEGMENTS), StandardOpenOption.READ);
            checkSize(dir, PackedDatasetWriter.TOKENS, tokensChannel.size(), tokenCount * 2);
            checkSize(dir, PackedDatasetWriter.LOSS_MASK, maskChannel.size(), tokenCount);
            checkSize(dir, PackedDatasetWriter.SEGMENTS, segmentsChannel.size(), tokenCount * 2);
            tokens = tokensChannel.map(FileChannel.MapMode.READ_ONLY, 0, tokenCount * 2).order(ByteOrder.LITTLE_ENDIAN);
            mask = maskChannel.map(FileChannel.MapMode.READ_ONLY, 0, tokenCount);
            segments = segmentsChannel.map(FileChannel.MapMode.READ_ONLY, 0, tokenCount * 2).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open packed dataset " + dir, e);
        }
    }

    private static void checkSize(Path dir, String file, long actual, long expected) {
        if (actual != expected) {
            throw new IllegalArgumentException(
                    dir.resolve(file) + ": " + actual + " bytes, expected " + expected + " from the header (truncated?)");
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
        int length = info.sequenceLength();
        long base = index * length;
        int[] t = new int[length];
        int[] s = new int[length];
        byte[] m = new byte[length];
        for (int i = 0; i < length; i++) {
            t[i] = Short.toUnsignedInt(tokens.getShort((int) ((base + i) * 2)));
            s[i] = Short.toUnsignedInt(segments.getShort((int) ((base + i) * 2)));
        }
        mask.get((int) base, m);
        return new PackedSequence(t, m, s);
    }

    @Override
    public void close() {
        try {
            tokensChannel.close();
            maskChannel.close();
            segmentsChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
