package io.imlab.trainer.tokenize;

import io.imlab.cookbook.spec.TokenizerSpec;
import io.imlab.cookbook.tokenize.Tokenizer;
import io.imlab.cookbook.tokenize.TokenizerProvider;
import io.imlab.cookbook.tokenize.Tokenizers;

import java.nio.file.Path;

/** Registers {@code recipe.tokenizer.kind: huggingface} with the cookbook's {@link Tokenizers}. */
public final class HuggingFaceTokenizerProvider implements TokenizerProvider {
    @Override
    public String kind() {
        return TokenizerSpec.HUGGING_FACE;
    }

    @Override
    public Tokenizer open(TokenizerSpec spec) {
        Tokenizers.requireFile("recipe.tokenizer.file", spec.file());
        return HuggingFaceTokenizer.open(Path.of(spec.file()));
    }
}
