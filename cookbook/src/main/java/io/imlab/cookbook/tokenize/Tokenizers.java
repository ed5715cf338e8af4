package io.imlab.cookbook.tokenize;

import io.imlab.cookbook.spec.TokenizerSpec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

/** Opens the tokenizer a recipe names ({@code recipe.tokenizer}). */
public final class Tokenizers {
    private Tokenizers() {
    }

    /**
     * {@code byte} and {@code gpt2} are built in; other kinds come from a {@link TokenizerProvider} on the
     * class path ({@code huggingface}: the trainer module).
     *
     * @throws IllegalArgumentException naming the {@code recipe.tokenizer} field at fault
     */
    public static Tokenizer open(TokenizerSpec spec) {
        switch (spec.kind()) {
            case TokenizerSpec.BYTE:
                return new ByteTokenizer();
            case TokenizerSpec.GPT2:
                requireFile("recipe.tokenizer.vocab", spec.vocab());
                requireFile("recipe.tokenizer.merges", spec.merges());
                return Gpt2BpeTokenizer.load(Path.of(spec.vocab()), Path.of(spec.merges()));
            default:
                for (TokenizerProvider provider : ServiceLoader.load(TokenizerProvider.class)) {
                    if (provider.kind().equals(spec.kind())) {
                        return provider.open(spec);
                    }
                }
                throw new IllegalArgumentException("recipe.tokenizer.kind: no tokenizer of kind '" + spec.kind()
                        + "' on this class path (huggingface needs the imlab trainer module)");
        }
    }

    /** Fails with the field path when {@code path} is not a readable file. */
    public static void requireFile(String field, String path) {
        if (path.isBlank() || !Files.isRegularFile(Path.of(path))) {
            throw new IllegalArgumentException(field + ": no such file '" + path + "'");
        }
    }
}
