package io.imlab.trainer.tokenize;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imlab.cookbook.spec.TokenizerSpec;
import io.imlab.cookbook.tokenize.Gpt2BpeTokenizer;
import io.imlab.cookbook.tokenize.Tokenizer;
import io.imlab.cookbook.tokenize.Tokenizers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Cross-checks the pure-Java GPT-2 BPE against an independent implementation: Hugging Face's Rust
 * tokenizers (through DJL), loaded with a {@code tokenizer.json} built from the same OPT vocabulary and
 * merges (BPE model, ByteLevel pre-tokenizer and decoder). The ids pinned in the cookbook's
 * {@code Gpt2BpeTokenizerTest} were produced by this oracle.
 */
class Gpt2BpeOracleIT {
    /** The strings pinned in {@code Gpt2BpeTokenizerTest}, plus harder ones. */
    static final List<String> SAMPLES = List.of(
            "Hello world",
            "Definition: Answer the question.\n\nInput: What is 2+2?\nAnswer: 4",
            "I'll say they're fine, don't you think?",
            "naïve café — 東京 🙂",
            "  two  spaces\n\n\ttab and trailing   ",
            "12345 3.14159 1,000,000",
            " Output: yes",
            "<s> is not special in text, nor is </s>",
            "Ünïcödé ÀÉÎÕÜ ñ ß ø",
            "emoji 👩‍👩‍👧 and ZWJ",
            "line one\r\nline two\u00a0nbsp\u2003em space",
            "x".repeat(300));

    private static Path vocab;
    private static Path merges;

    @BeforeAll
    static void sharedData() {
        Path root = Path.of(System.getProperty("imlab.shared.data", "../../shared/data"), "tokenizer", "opt");
        vocab = root.resolve("gpt2-vocab.json");
        merges = root.resolve("gpt2-merges.txt");
    }

    @Test
    void pureJavaMatchesHuggingFaceTokenizers(@TempDir Path tmp) throws IOException {
        assumeTrue(Files.isRegularFile(vocab) && Files.isRegularFile(merges),
                "OPT's GPT-2 vocabulary is not under imlab.shared.data; skipping the oracle cross-check");
        Path json = writeTokenizerJson(tmp.resolve("tokenizer.json"));
        Gpt2BpeTokenizer java = Gpt2BpeTokenizer.load(vocab, merges);
        try (HuggingFaceTokenizer oracle = HuggingFaceTokenizer.open(json)) {
            for (String sample : SAMPLES) {
                int[] expected = oracle.encode(sample);
                System.out.println("ORACLE " + new ObjectMapper().writeValueAsString(sample) + " -> " + Arrays.toString(expected));
                assertThat(java.encode(sample)).as(sample).containsExactly(expected);
                assertThat(java.decode(expected)).as("decode " + sample).isEqualTo(oracle.decode(expected));
            }
            String longText = "the quick brown fox jumps. ".repeat(400);
            assertThat(oracle.encode(longText)).as("no truncation of long texts").hasSize(java.encode(longText).length)
                    .hasSizeGreaterThan(2000);
            assertThat(oracle.eosId()).isEqualTo(java.eosId()).isEqualTo(2);
            assertThat(oracle.padId()).isEqualTo(java.padId()).isEqualTo(1);
        }
    }

    @Test
    void recipeKindHuggingFaceOpensThroughTheServiceLoader(@TempDir Path tmp) throws IOException {
        assumeTrue(Files.isRegularFile(vocab), "OPT's GPT-2 vocabulary is not under imlab.shared.data; skipping");
        Path json = writeTokenizerJson(tmp.resolve("tokenizer.json"));
        Tokenizer tokenizer = Tokenizers.open(new TokenizerSpec(TokenizerSpec.HUGGING_FACE, "", "", json.toString()));
        assertThat(tokenizer.id()).startsWith("hf:");
        assertThat(tokenizer.decode(tokenizer.encode("Hello world"))).isEqualTo("Hello world");
    }

    /** A tokenizer.json for GPT-2 byte-level BPE, from OPT's vocabulary and merges files. */
    static Path writeTokenizerJson(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putNull("normalizer");
        root.set("pre_tokenizer", byteLevel(json));
        root.putNull("post_processor");
        root.set("decoder", byteLevel(json));
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE");
        model.putNull("dropout");
        model.putNull("unk_token");
        model.putNull("continuing_subword_prefix");
        model.putNull("end_of_word_suffix");
        model.put("fuse_unk", false);
        model.put("byte_fallback", false);
        model.set("vocab", json.readTree(vocab.toFile()));
        ArrayNode mergeList = model.putArray("merges");
        List<String> lines = Files.readAllLines(merges, StandardCharsets.UTF_8);
        for (String line : lines) {
            if (!line.startsWith("#version") && !line.isBlank()) {
                mergeList.add(line.strip());
            }
        }
        json.writeValue(out.toFile(), root);
        return out;
    }

    private static ObjectNode byteLevel(ObjectMapper json) {
        ObjectNode node = json.createObjectNode();
        node.put("type", "ByteLevel");
        node.put("add_prefix_space", false);
        node.put("trim_offsets", true);
        node.put("use_regex", true);
        return node;
    }
}
