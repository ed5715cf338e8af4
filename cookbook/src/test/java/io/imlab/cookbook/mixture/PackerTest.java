package io.imlab.cookbook.mixture;

import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PackerTest {
    private final ByteTokenizer tokenizer = new ByteTokenizer();

    /** The tokens of one segment whose loss mask is 1, decoded, with end-of-document shown as {@code <eos>}. */
    private String maskedText(PackedSequence sequence, int segment) {
        StringBuilder text = new StringBuilder();
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < sequence.length(); i++) {
            if (sequence.segmentIds()[i] == segment && sequence.lossMask()[i] == 1) {
                if (sequence.tokens()[i] == ByteTokenizer.EOS) {
                    text.append(tokenizer.decode(ids.stream().mapToInt(Integer::intValue).toArray())).append("<eos>");
                    ids.clear();
                } else {
                    ids.add(sequence.tokens()[i]);
                }
            }
        }
        return text.append(tokenizer.decode(ids.stream().mapToInt(Integer::intValue).toArray())).toString();
    }

    @Test
    void tokenizesSourceAndTargetSeparatedWithLossOnTargetAndEos() {
        Packer packer = new Packer(tokenizer, 32, sequence -> { });
        TokenizedExample example = packer.tokenize("Q: hi\nA:", " yes");

        assertThat(example.length()).isEqualTo(8 + 4 + 1);
        assertThat(example.tokens()[12]).isEqualTo(ByteTokenizer.EOS);
        assertThat(tokenizer.decode(Arrays.copyOf(example.tokens(), 8))).isEqualTo("Q: hi\nA:");
        byte[] expectedMask = new byte[13];
        Arrays.fill(expectedMask, 8, 13, (byte) 1);
        assertThat(example.lossMask()).isEqualTo(expectedMask);
    }

    @Test
    void packsGreedilyWithSegmentsEosAndPadding() {
        List<PackedSequence> out = new ArrayList<>();
        Packer packer = new Packer(tokenizer, 16, out::add);

        packer.add("ab", " c");   // 2 + 2 + 1 = 5 tokens
        packer.add("d:", " ef");  // 2 + 3 + 1 = 6 tokens -> 11 used
        packer.add("ghi", " j");  // 3 + 2 + 1 = 6 tokens: does not fit in the 5 left, starts sequence 2
        packer.flush();

        assertThat(out).hasSize(2);
        PackedSequence first = out.get(0);
        assertThat(first.segmentIds()).containsExactly(1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0);
        assertThat(first.tokens()[4]).isEqualTo(ByteTokenizer.EOS);
        assertThat(first.tokens()[10]).isEqualTo(ByteTokenizer.EOS);
        assertThat(Arrays.copyOfRange(first.tokens(), 11, 16)).containsOnly(ByteTokenizer.PAD);
        assertThat(Arrays.copyOfRange(first.lossMask(), 11, 16)).containsOnly((byte) 0);
        assertThat(maskedText(first, 1)).isEqualTo(" c<eos>");
        assertThat(maskedText(first, 2)).isEqualTo(" ef<eos>");

        PackedSequence second = out.get(1);
        assertThat(second.segmentIds()).startsWith(1, 1, 1, 1, 1, 1, 0);
        assertThat(maskedText(second, 1)).isEqualTo(" j<eos>");
        assertThat(tokenizer.decode(Arrays.copyOf(second.tokens(), 5))).isEqualTo("ghi j");
    }

    @Test
    void emptySourceMakesTheWholeTextTheTarget() {
        List<PackedSequence> out = new ArrayList<>();
        Packer packer = new Packer(tokenizer, 12, out::add);
        packer.add("", "plain text");
        packer.flush();

        assertThat(maskedText(out.get(0), 1)).isEqualTo("plain text<eos>");
        assertThat(out.get(0).lossMask()).startsWith(new byte[] {1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    }

    @Test
    void exactlyFullSequenceIsEmittedAtOnce() {
        List<PackedSequence> out = new ArrayList<>();
        Packer packer = new Packer(tokenizer, 6, out::add);
        packer.add("ab", " c"); // 5 tokens
        packer.add("", "d");    // 2 tokens: does not fit the 1 left
        assertThat(out).hasSize(1);
        packer.add("", "efg");  // 4 tokens: fills sequence 2 exactly (2 + 4 = 6)
        assertThat(out).hasSize(2);
        assertThat(out.get(1).segmentIds()).containsExactly(1, 1, 2, 2, 2, 2);
    }

    @Test
    void leftTruncatesAnExampleLongerThanTheSequenceKeepingItsEnd() {
        List<PackedSequence> out = new ArrayList<>();
        Packer packer = new Packer(tokenizer, 8, out::add);
        packer.add("x", " y");                    // 4 tokens, pending
        TokenizedExample longOne = packer.tokenize("0123456789", " ab"); // 10 + 3 + 1 = 14 tokens
        assertThat(packer.truncates(longOne)).isTrue();
        packer.add(longOne);

        assertThat(out).hasSize(2);
        PackedSequence truncated = out.get(1);
        // The last 8 tokens: "6789 ab" + EOS; the start of the prompt is dropped.
        assertThat(tokenizer.decode(Arrays.copyOf(truncated.tokens(), 7))).isEqualTo("6789 ab");
        assertThat(truncated.tokens()[7]).isEqualTo(ByteTokenizer.EOS);
        assertThat(truncated.segmentIds()).containsOnly(1);
        assertThat(maskedText(truncated, 1)).isEqualTo(" ab<eos>");
        assertThat(truncated.lossMask()).containsExactly(0, 0, 0, 0, 1, 1, 1, 1);
    }
}
