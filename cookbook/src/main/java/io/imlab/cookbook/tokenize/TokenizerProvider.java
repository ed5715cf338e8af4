package io.imlab.cookbook.tokenize;

import io.imlab.cookbook.spec.TokenizerSpec;

/**
 * A tokenizer kind implemented outside the cookbook, found with {@link java.util.ServiceLoader}: the
 * Hugging Face {@code tokenizer.json} adapter lives in the trainer module, which may use DJL, and registers
 * itself in {@code META-INF/services/io.imlab.cookbook.tokenize.TokenizerProvider}.
 */
public interface TokenizerProvider {
    /** The {@code recipe.tokenizer.kind} this provider opens, e.g. {@code huggingface}. */
    String kind();

    /**
     * @throws IllegalArgumentException when the spec's files are missing or not a tokenizer
     */
    Tokenizer open(TokenizerSpec spec);
}
