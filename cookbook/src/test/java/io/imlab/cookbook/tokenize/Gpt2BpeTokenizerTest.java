package io.imlab.cookbook.tokenize;

import io.imlab.cookbook.spec.TokenizerSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Pins the GPT-2 BPE to token ids produced by an independent implementation (Hugging Face tokenizers
 * through DJL, with a tokenizer.json built from the same OPT files; see the trainer's
 * {@code Gpt2BpeOracleIT}, which keeps the cross-check running).
 */
class Gpt2BpeTokenizerTest {
    private static Gpt2BpeTokenizer tokenizer;
    private static Path vocab;
    private static Path merges;

    @BeforeAll
    static void load() {
        Path root = Path.of(System.getProperty("imlab.shared.data", "../../shared/data"), "tokenizer", "opt");
        vocab = root.resolve("gpt2-vocab.json");
        merges = root.resolve("gpt2-merges.txt");
        assumeTrue(Files.isRegularFile(vocab) && Files.isRegularFile(merges),
                "OPT's GPT-2 vocabulary is not under imlab.shared.data (" + root + "); skipping");
        tokenizer = Gpt2BpeTokenizer.load(vocab, merges);
    }

    @Test
    void encodesToOptIds() {
        assertThat(tokenizer.encode("Hello world")).containsExactly(31414, 232);
        assertThat(tokenizer.encode("Definition: Answer the question.\n\nInput: What is 2+2?\nAnswer: 4"))
                .containsExactly(47926, 35, 31652, 5, 864, 4, 50118, 50118, 48214, 35, 653, 16, 132, 2744, 176, 116,
                        50118, 33683, 35, 204);
        assertThat(tokenizer.encode("I'll say they're fine, don't you think?"))
                .containsExactly(100, 581, 224, 51, 214, 2051, 6, 218, 75, 47, 206, 116);
        assertThat(tokenizer.encode("naïve café — 東京 🙂"))
                .containsExactly(2133, 48350, 26059, 93, 47416, 46, 15389, 46499, 11582, 45868);
        assertThat(tokenizer.encode("  two  spaces\n\n\ttab and trailing   "))
                .containsExactly(1437, 80, 1437, 5938, 50140, 50117, 34108, 8, 12564, 1437, 1437, 1437);
        assertThat(tokenizer.encode("12345 3.14159 1,000,000"))
                .containsExactly(19644, 1898, 155, 4, 1570, 27129, 112, 6, 151, 6, 151);
        assertThat(tokenizer.encode(" Output: yes")).containsExactly(38252, 35, 4420);
        assertThat(tokenizer.encode("<s> is not special in text, nor is </s>"))
                .containsExactly(41552, 29, 15698, 16, 45, 780, 11, 2788, 6, 3486, 16, 49703, 29, 15698);
    }

    @Test
    void decodesBackToTheText() {
        for (String text : new String[] {"Hello world", "naïve café — 東京 🙂", "  two  spaces\n\n\ttab   ", ""}) {
            assertThat(tokenizer.decode(tokenizer.encode(text))).isEqualTo(text);
        }
        assertThat(tokenizer.decode(new int[] {0, 31414, 2, 1})).as("special ids are dropped").isEqualTo("Hello");
    }

    @Test
    void usesOptsSpecialIdsAndPaddedVocabulary() {
        assertThat(tokenizer.eosId()).isEqualTo(2);
        assertThat(tokenizer.padId()).isEqualTo(1);
        assertThat(tokenizer.tokenId("<s>")).isZero();
        assertThat(tokenizer.tokenId("<unk>")).isEqualTo(3);
        // 50,265 entries, padded to a multiple of 8 like OPT's embedding.
        assertThat(tokenizer.vocabSize()).isEqualTo(50272);
    }

    @Test
    void idCarriesAHashOfTheVocabularyFiles(@TempDir Path tmp) throws IOException {
        assertThat(tokenizer.id()).matches("gpt2-bpe:[0-9a-f]{16}");
        Path changedMerges = tmp.resolve("merges.txt");
        // Dropping the last merge changes the files, so the id (and every content hash using it) changes.
        String text = Files.readString(merges).stripTrailing();
        Files.writeString(changedMerges, text.substring(0, text.lastIndexOf('\n')) + "\n");
        Gpt2BpeTokenizer other = Gpt2BpeTokenizer.load(vocab, changedMerges);
        assertThat(other.id()).isNotEqualTo(tokenizer.id());
        assertThat(Gpt2BpeTokenizer.load(vocab, merges).id()).isEqualTo(tokenizer.id());
    }

    @Test
    void opensFromARecipeAndRejectsMissingFiles() {
        Tokenizer opened = Tokenizers.open(new TokenizerSpec("gpt2", vocab.toString(), merges.toString(), ""));
        assertThat(opened.id()).isEqualTo(tokenizer.id());
        assertThatThrownBy(() -> Tokenizers.open(new TokenizerSpec("gpt2", "missing.json", merges.toString(), "")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipe.tokenizer.vocab");
        assertThatThrownBy(() -> Tokenizers.open(new TokenizerSpec("huggingface", "", "", "tokenizer.json")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recipe.tokenizer.kind");
    }
}
