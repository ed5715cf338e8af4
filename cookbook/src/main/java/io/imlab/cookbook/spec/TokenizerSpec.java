package io.imlab.cookbook.spec;

import java.util.List;

/**
 * Which tokenizer turns the mixture into token ids. Relative paths are resolved against the working
 * directory of the process that builds the mixture.
 *
 * @param kind   {@code byte} (one token per UTF-8 byte; no files), {@code gpt2} (OPT's GPT-2 byte-level BPE
 *               from {@code vocab} and {@code merges}) or {@code huggingface} (any {@code tokenizer.json},
 *               through DJL's binding of Hugging Face tokenizers)
 * @param vocab  {@code gpt2}: path of {@code gpt2-vocab.json}
 * @param merges {@code gpt2}: path of {@code gpt2-merges.txt}
 * @param file   {@code huggingface}: path of {@code tokenizer.json}
 */
public record TokenizerSpec(String kind, String vocab, String merges, String file) {
    public static final String BYTE = "byte";
    public static final String GPT2 = "gpt2";
    public static final String HUGGING_FACE = "huggingface";
    public static final List<String> KINDS = List.of(BYTE, GPT2, HUGGING_FACE);

    public TokenizerSpec {
        kind = kind == null ? BYTE : kind;
        vocab = vocab == null ? "" : vocab;
        merges = merges == null ? "" : merges;
        file = file == null ? "" : file;
    }

    public static TokenizerSpec defaults() {
        return new TokenizerSpec(BYTE, "", "", "");
    }
}
