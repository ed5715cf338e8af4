package io.imlab.trainer.tokenize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.imlab.cookbook.tokenize.Tokenizer;
import io.imlab.cookbook.tokenize.TokenizerFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Any Hugging Face {@code tokenizer.json} behind imlab's {@link Tokenizer}, through DJL's binding of the
 * Rust tokenizers library (bundled native library, no download). Lives in the trainer module because the
 * cookbook may not depend on DJL (docs/architecture.md, {@code LayeringTest}).
 *
 * <p>Special tokens are not added on encode (the packer adds end-of-document itself). End-of-document is
 * the first of {@code </s>}, {@code <|endoftext|>}, {@code [SEP]}, {@code <eos>} in the vocabulary;
 * padding the first of {@code <pad>}, {@code [PAD]}, else end-of-document.
 */
public final class HuggingFaceTokenizer implements Tokenizer, AutoCloseable {
    private final ai.djl.huggingface.tokenizers.HuggingFaceTokenizer delegate;
    private final String id;
    private final int vocabSize;
    private final int eosId;
    private final int padId;

    private HuggingFaceTokenizer(ai.djl.huggingface.tokenizers.HuggingFaceTokenizer delegate, String id,
                                 int vocabSize, int eosId, int padId) {
        this.delegate = delegate;
        this.id = id;
        this.vocabSize = vocabSize;
        this.eosId = eosId;
        this.padId = padId;
    }

    /**
     * @throws IllegalArgumentException when the file is not a tokenizer with an end-of-document token
     */
    public static HuggingFaceTokenizer open(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Integer> vocabulary = new HashMap<>();
        try {
            JsonNode root = new ObjectMapper().readTree(bytes);
            JsonNode vocab = root.path("model").path("vocab");
            if (vocab.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = vocab.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    vocabulary.put(entry.getKey(), entry.getValue().asInt());
                }
            }
            for (JsonNode added : root.path("added_tokens")) {
                vocabulary.put(added.path("content").asText(), added.path("id").asInt());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a tokenizer.json: " + e.getMessage(), e);
        }
        if (vocabulary.isEmpty()) {
            throw new IllegalArgumentException(file + ": no model.vocab mapping (only vocabulary-based models are supported)");
        }
        int eos = first(vocabulary, file, "</s>", "<|endoftext|>", "[SEP]", "<eos>");
        Integer pad = null;
        for (String candidate : new String[] {"<pad>", "[PAD]"}) {
            if (pad == null) {
                pad = vocabulary.get(candidate);
            }
        }
        int maxId = vocabulary.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        ai.djl.huggingface.tokenizers.HuggingFaceTokenizer delegate;
        try {
            delegate = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.newInstance(file,
                    Map.of("addSpecialTokens", "false", "truncation", "false", "padding", "false"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + ": the tokenizers library rejected it: " + e.getMessage(), e);
        }
        // The id enters content hashes, so it carries a hash of the file, not its path.
        String id = "hf:" + TokenizerFiles.sha256(bytes).substring(0, 16);
        return new HuggingFaceTokenizer(delegate, id, maxId + 1, eos, pad == null ? eos : pad);
    }

    private static int first(Map<String, Integer> vocabulary, Path file, String... candidates) {
        for (String candidate : candidates) {
            Integer tokenId = vocabulary.get(candidate);
            if (tokenId != null) {
                return tokenId;
            }
        }
        throw new IllegalArgumentException(file + ": no end-of-document token (one of " + String.join(", ", candidates) + ")");
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public int vocabSize() {
        return vocabSize;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public int[] encode(String text) {
        long[] ids = delegate.encode(text).getIds();
        int[] out = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            out[i] = Math.toIntExact(ids[i]);
        }
        return out;
    }

    @Override
    public String decode(int[] ids) {
        long[] wide = new long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            wide[i] = ids[i];
        }
        return delegate.decode(wide, true);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
