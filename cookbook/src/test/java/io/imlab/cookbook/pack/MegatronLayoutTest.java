package io.imlab.cookbook.pack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The packed dataset is in Megatron-LM's MMIDIDX v1 layout: read back here by a minimal reader written
 * from Megatron's {@code indexed_dataset.py} ({@code _IndexReader}: magic, {@code <Q} version, {@code <B}
 * dtype code, {@code <Q} sequence count, {@code <Q} document count, int32 sizes, int64 pointers, int64
 * document index), which shares no code with the writer.
 */
class MegatronLayoutTest {

    /** What an independent reader sees in one {@code .idx}/{@code .bin} pair. */
    private record Megatron(int dtypeCode, long[] pointers, int[] sizes, long[] documentIndex, ByteBuffer bin) {
        static Megatron read(Path prefix) throws IOException {
            ByteBuffer idx = ByteBuffer.wrap(Files.readAllBytes(Path.of(prefix + ".idx"))).order(ByteOrder.LITTLE_ENDIAN);
            byte[] magic = new byte[9];
            idx.get(magic);
            assertThat(new String(magic, StandardCharsets.ISO_8859_1)).isEqualTo("MMIDIDX\0\0");
            assertThat(idx.getLong()).as("version").isEqualTo(1);
            int code = idx.get() & 0xff;
            long sequences = idx.getLong();
            long documents = idx.getLong();
            int[] sizes = new int[(int) sequences];
            for (int i = 0; i < sequences; i++) {
                sizes[i] = idx.getInt();
            }
            long[] pointers = new long[(int) sequences];
            for (int i = 0; i < sequences; i++) {
                pointers[i] = idx.getLong();
            }
            long[] documentIndex = new long[(int) documents];
            for (int i = 0; i < documents; i++) {
                documentIndex[i] = idx.getLong();
            }
            assertThat(idx.remaining()).as("nothing after the document index").isZero();
            ByteBuffer bin = ByteBuffer.wrap(Files.readAllBytes(Path.of(prefix + ".bin"))).order(ByteOrder.LITTLE_ENDIAN);
            return new Megatron(code, pointers, sizes, documentIndex, bin);
        }

        int[] sequence(int i) {
            int[] values = new int[sizes[i]];
            for (int j = 0; j < sizes[i]; j++) {
                values[j] = switch (dtypeCode) {
                    case 1 -> bin.get((int) pointers[i] + j) & 0xff;
                    case 8 -> bin.getShort((int) pointers[i] + 2 * j) & 0xffff;
                    case 4 -> bin.getInt((int) pointers[i] + 4 * j);
                    default -> throw new AssertionError("dtype code " + dtypeCode);
                };
            }
            return values;
        }
    }

    private static List<PackedSequence> randomSequences(int count, int length, int vocab, long seed) {
        Random random = new Random(seed);
        List<PackedSequence> sequences = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            int[] tokens = new int[length];
            byte[] mask = new byte[length];
            int[] segments = new int[length];
            for (int i = 0; i < length; i++) {
                tokens[i] = random.nextInt(vocab);
                mask[i] = (byte) random.nextInt(2);
                segments[i] = 1 + i / 7;
            }
            sequences.add(new PackedSequence(tokens, mask, segments));
        }
        return sequences;
    }

    @Test
    void writesThreeParallelMegatronDatasets(@TempDir Path dir) throws IOException {
        List<PackedSequence> sequences = randomSequences(5, 33, 50272, 1);
        try (PackedDatasetWriter writer = new PackedDatasetWriter(dir, 33, 50272, 2, 1, "gpt2-bpe:test")) {
            sequences.forEach(writer::write);
        }

        Megatron tokens = Megatron.read(dir.resolve("tokens"));
        Megatron mask = Megatron.read(dir.resolve("loss_mask"));
        Megatron segments = Megatron.read(dir.resolve("segments"));
        assertThat(tokens.dtypeCode()).as("uint16 tokens").isEqualTo(8);
        assertThat(mask.dtypeCode()).as("uint8 loss mask").isEqualTo(1);
        assertThat(segments.dtypeCode()).as("uint16 segments").isEqualTo(8);
        for (Megatron dataset : List.of(tokens, mask, segments)) {
            assertThat(dataset.sizes()).containsOnly(33).hasSize(5);
            assertThat(dataset.documentIndex()).containsExactly(0, 1, 2, 3, 4, 5);
        }
        assertThat(tokens.pointers()).containsExactly(0, 66, 132, 198, 264);
        assertThat(mask.pointers()).containsExactly(0, 33, 66, 99, 132);
        assertThat(tokens.bin().capacity()).isEqualTo(5 * 33 * 2);
        for (int i = 0; i < 5; i++) {
            assertThat(tokens.sequence(i)).containsExactly(sequences.get(i).tokens());
            assertThat(segments.sequence(i)).containsExactly(sequences.get(i).segmentIds());
            int[] expectedMask = new int[33];
            for (int j = 0; j < 33; j++) {
                expectedMask[j] = sequences.get(i).lossMask()[j];
            }
            assertThat(mask.sequence(i)).containsExactly(expectedMask);
        }
    }

    @Test
    void largeVocabulariesUseInt32Tokens(@TempDir Path dir) throws IOException {
        List<PackedSequence> sequences = randomSequences(3, 8, 250_000, 2);
        try (PackedDatasetWriter writer = new PackedDatasetWriter(dir, 8, 250_000, 2, 1, "hf:test")) {
            sequences.forEach(writer::write);
        }
        Megatron tokens = Megatron.read(dir.resolve("tokens"));
        assertThat(tokens.dtypeCode()).isEqualTo(4);
        assertThat(tokens.sequence(2)).containsExactly(sequences.get(2).tokens());
        try (PackedDatasetReader reader = new PackedDatasetReader(dir)) {
            assertThat(reader.get(2).tokens()).containsExactly(sequences.get(2).tokens());
        }
    }

    @Test
    void theTrainersReaderReadsWhatWasWritten(@TempDir Path dir) {
        List<PackedSequence> sequences = randomSequences(7, 16, 260, 3);
        try (PackedDatasetWriter writer = new PackedDatasetWriter(dir, 16, 260, 2, 1, "byte-v1")) {
            sequences.forEach(writer::write);
        }
        try (PackedDatasetReader reader = new PackedDatasetReader(dir)) {
            assertThat(reader.size()).isEqualTo(7);
            assertThat(reader.info()).isEqualTo(new PackedDatasetInfo("imlab-packed-v2", 16, 7, 260, 2, 1, "byte-v1"));
            for (int i = 0; i < 7; i++) {
                assertThat(reader.get(i).tokens()).containsExactly(sequences.get(i).tokens());
                assertThat(reader.get(i).lossMask()).containsExactly(sequences.get(i).lossMask());
                assertThat(reader.get(i).segmentIds()).containsExactly(sequences.get(i).segmentIds());
            }
        }
    }

    @Test
    void aTruncatedBinIsRejected(@TempDir Path dir) throws IOException {
        try (PackedDatasetWriter writer = new PackedDatasetWriter(dir, 16, 260, 2, 1, "byte-v1")) {
            randomSequences(4, 16, 260, 4).forEach(writer::write);
        }
        Path bin = dir.resolve("tokens.bin");
        byte[] bytes = Files.readAllBytes(bin);
        Files.write(bin, java.util.Arrays.copyOf(bytes, bytes.length - 2));
        assertThatThrownBy(() -> new PackedDatasetReader(dir)).hasMessageContaining("truncated");
    }
}
