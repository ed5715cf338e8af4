package io.imlab.cookbook.pack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * Reads one dataset in Megatron-LM's indexed-dataset layout (see {@link IndexedDatasetWriter}). The index
 * (sizes and pointers) is memory-mapped; sequences are read from {@code .bin} on demand, so datasets larger
 * than memory (or than 2 GB) work. Thread-safe.
 */
public final class IndexedDatasetReader implements AutoCloseable {
    private static final int HEADER_BYTES = 9 + 8 + 1 + 8 + 8;

    private final Path bin;
    private final IndexedDatasetDtype dtype;
    private final long sequences;
    private final long documents;
    private final FileChannel indexChannel;
    private final FileChannel dataChannel;
    private final ByteBuffer index;
    private final long sizesOffset;
    private final long pointersOffset;

    /** @param prefix path without extension */
    public IndexedDatasetReader(Path prefix) {
        this.bin = Path.of(prefix + ".bin");
        Path idx = Path.of(prefix + ".idx");
        try {
            indexChannel = FileChannel.open(idx, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(idx + ": no index file", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + idx, e);
        }
        try {
            long indexSize = indexChannel.size();
            if (indexSize < HEADER_BYTES) {
                throw new IllegalArgumentException(idx + ": " + indexSize + " bytes, too short for an MMIDIDX header");
            }
            index = indexChannel.map(FileChannel.MapMode.READ_ONLY, 0, indexSize).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[IndexedDatasetWriter.MAGIC.length];
            index.get(0, magic);
            if (!Arrays.equals(magic, IndexedDatasetWriter.MAGIC)) {
                throw new IllegalArgumentException(idx + ": not an MMIDIDX index (bad magic)");
            }
            long version = index.getLong(9);
            if (version != IndexedDatasetWriter.VERSION) {
                throw new IllegalArgumentException(idx + ": unsupported index version " + version);
            }
            dtype = IndexedDatasetDtype.ofCode(index.get(17) & 0xff);
            sequences = index.getLong(18);
            documents = index.getLong(26);
            sizesOffset = HEADER_BYTES;
            pointersOffset = sizesOffset + sequences * 4;
            long expected = pointersOffset + sequences * 8 + documents * 8;
            if (expected != indexSize) {
                throw new IllegalArgumentException(idx + ": " + indexSize + " bytes, expected " + expected
                        + " for " + sequences + " sequences and " + documents + " document entries (truncated?)");
            }
            dataChannel = FileChannel.open(bin, StandardOpenOption.READ);
            if (sequences > 0) {
                long end = pointer(sequences - 1) + (long) size(sequences - 1) * dtype.bytes();
                if (dataChannel.size() != end) {
                    throw new IllegalArgumentException(bin + ": " + dataChannel.size() + " bytes, the index expects " + end
                            + " (truncated?)");
                }
            }
        } catch (IOException e) {
            closeQuietly();
            throw new UncheckedIOException("cannot open indexed dataset " + prefix, e);
        } catch (RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    /** Whether {@code prefix.bin} and {@code prefix.idx} both exist. */
    public static boolean exists(Path prefix) {
        return Files.isRegularFile(Path.of(prefix + ".bin")) && Files.isRegularFile(Path.of(prefix + ".idx"));
    }

    public IndexedDatasetDtype dtype() {
        return dtype;
    }

    public long sequences() {
        return sequences;
    }

    /** Entries of the document index (sequence count + 1 for imlab's one-sequence documents). */
    public long documentIndexLength() {
        return documents;
    }

    public int size(long sequence) {
        return index.getInt((int) (sizesOffset + sequence * 4));
    }

    public long pointer(long sequence) {
        return index.getLong((int) (pointersOffset + sequence * 8));
    }

    /** One entry of the document index. */
    public long documentIndex(long entry) {
        return index.getLong((int) (pointersOffset + sequences * 8 + entry * 8));
    }

    /** The elements of one sequence. */
    public int[] get(long sequence) {
        if (sequence < 0 || sequence >= sequences) {
            throw new IndexOutOfBoundsException("sequence " + sequence + " of " + sequences);
        }
        int size = size(sequence);
        ByteBuffer raw = read(pointer(sequence), size * dtype.bytes());
        int[] values = new int[size];
        for (int i = 0; i < size; i++) {
            values[i] = switch (dtype) {
                case UINT8 -> raw.get() & 0xff;
                case UINT16 -> raw.getShort() & 0xffff;
                case INT32 -> raw.getInt();
            };
        }
        return values;
    }

    /** The raw bytes of one uint8 sequence. */
    public byte[] getBytes(long sequence) {
        if (dtype != IndexedDatasetDtype.UINT8) {
            throw new IllegalStateException(bin + " holds " + dtype + ", not bytes");
        }
        int size = size(sequence);
        byte[] bytes = new byte[size];
        read(pointer(sequence), size).get(bytes);
        return bytes;
    }

    private ByteBuffer read(long position, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        try {
            while (buffer.hasRemaining()) {
                int n = dataChannel.read(buffer, position + buffer.position());
                if (n < 0) {
                    throw new IllegalArgumentException(bin + ": ends early at byte " + (position + buffer.position()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bin, e);
        }
        return buffer.flip();
    }

    private void closeQuietly() {
        try {
            close();
        } catch (UncheckedIOException ignored) {
            // Already failing with the more useful error.
        }
    }

    @Override
    public void close() {
        try {
            indexChannel.close();
            if (dataChannel != null) {
                dataChannel.close();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
