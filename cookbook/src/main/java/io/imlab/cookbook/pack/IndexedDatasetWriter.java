package io.imlab.cookbook.pack;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one dataset in Megatron-LM's memory-mapped indexed-dataset layout (MMIDIDX v1), which
 * Megatron-LM, NeMo and GPT-NeoX trainers read with {@code IndexedDataset(path_prefix)}:
 * <ul>
 *   <li>{@code <prefix>.bin}: the elements of every sequence, one after another, little-endian;</li>
 *   <li>{@code <prefix>.idx}: magic {@code "MMIDIDX\0\0"}, version (uint64 = 1), dtype code (uint8),
 *       sequence count (uint64), document count (uint64), then the sequence sizes (int32 each), the
 *       sequences' byte offsets in {@code .bin} (int64 each) and the document index (int64 each: 0, then the
 *       sequence count after each document).</li>
 * </ul>
 * imlab writes one packed training sequence per Megatron sequence, and each is its own document
 * (document index {@code 0, 1, …, n}): packed sequences are independent samples.
 *
 * <p>Sizes go to a temporary side file while sequences stream in, so memory stays constant however many
 * sequences are written; {@link #close()} assembles the index.
 */
public final class IndexedDatasetWriter implements AutoCloseable {
    /** The index file's magic bytes, {@code _INDEX_HEADER} in Megatron-LM. */
    public static final byte[] MAGIC = "MMIDIDX\0\0".getBytes(StandardCharsets.US_ASCII);
    public static final long VERSION = 1;

    private final Path bin;
    private final Path idx;
    private final Path sizesScratch;
    private final IndexedDatasetDtype dtype;
    private final OutputStream data;
    private final DataOutputStream sizes;
    private final byte[] buffer = new byte[1 << 16];
    private long sequences;
    private long documents;
    private boolean closed;

    /** @param prefix path without extension: {@code dir/tokens} gives {@code dir/tokens.bin} and {@code dir/tokens.idx} */
    public IndexedDatasetWriter(Path prefix, IndexedDatasetDtype dtype) {
        this.bin = Path.of(prefix + ".bin");
        this.idx = Path.of(prefix + ".idx");
        this.sizesScratch = Path.of(prefix + ".sizes.tmp");
        this.dtype = dtype;
        try {
            this.data = new BufferedOutputStream(Files.newOutputStream(bin), 1 << 16);
            this.sizes = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(sizesScratch), 1 << 14));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create indexed dataset " + prefix, e);
        }
    }

    /** Appends one sequence, as its own document. */
    public void add(int[] values) {
        try {
            // Little-endian into the byte buffer, one tight loop per element type (the mixture writes every
            // token three times: id, loss mask, segment).
            byte[] out = buffer;
            int width = dtype.bytes();
            int position = 0;
            for (int value : values) {
                if (!dtype.fits(value)) {
                    throw new IllegalArgumentException("value " + value + " does not fit " + dtype);
                }
                if (position + width > out.length) {
                    data.write(out, 0, position);
                    position = 0;
                }
                out[position] = (byte) value;
                if (width > 1) {
                    out[position + 1] = (byte) (value >>> 8);
                    if (width == 4) {
                        out[position + 2] = (byte) (value >>> 16);
                        out[position + 3] = (byte) (value >>> 24);
                    }
                }
                position += width;
            }
            data.write(out, 0, position);
            sizes.writeInt(values.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + bin, e);
        }
        sequences++;
        documents++;
    }

    /** Appends one sequence of bytes (a loss mask) as uint8, as its own document. */
    public void add(byte[] values) {
        if (dtype != IndexedDatasetDtype.UINT8) {
            throw new IllegalStateException("byte sequences need a uint8 dataset, this one is " + dtype);
        }
        try {
            data.write(values);
            sizes.writeInt(values.length);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + bin, e);
        }
        sequences++;
        documents++;
    }

    public long sequences() {
        return sequences;
    }

    /** Finishes {@code .bin} and writes {@code .idx}. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            data.close();
            sizes.close();
            writeIndex();
            Files.deleteIfExists(sizesScratch);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish indexed dataset " + idx, e);
        }
    }

    private void writeIndex() throws IOException {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(idx), 1 << 16))) {
            out.write(MAGIC);
            writeLong(out, VERSION);
            out.writeByte(dtype.code());
            writeLong(out, sequences);
            // doc_idx starts with 0 and gets one entry per closed document (Megatron's _IndexWriter).
            writeLong(out, documents + 1);
            try (DataInputStream in = sizesIn()) {
                for (long i = 0; i < sequences; i++) {
                    writeInt(out, in.readInt());
                }
            }
            long pointer = 0;
            try (DataInputStream in = sizesIn()) {
                for (long i = 0; i < sequences; i++) {
                    writeLong(out, pointer);
                    pointer += (long) in.readInt() * dtype.bytes();
                }
            }
            writeLong(out, 0);
            // Each sequence is a document, so document d ends after sequence d.
            for (long d = 1; d <= documents; d++) {
                writeLong(out, d);
            }
        }
    }

    private DataInputStream sizesIn() throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(sizesScratch), 1 << 14);
        return new DataInputStream(in);
    }

    private static void writeLong(DataOutputStream out, long value) throws IOException {
        out.writeLong(Long.reverseBytes(value));
    }

    private static void writeInt(DataOutputStream out, int value) throws IOException {
        out.writeInt(Integer.reverseBytes(value));
    }
}
