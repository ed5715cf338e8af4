package io.imlab.cookbook.tokenize;

/**
 * Text to token ids and back. Implementations are thread-safe.
 */
public interface Tokenizer {
    /** A stable name that enters content hashes, e.g. {@code byte-v1} or {@code gpt2-bpe:<sha256>}. */
    String id();

    int vocabSize();

    /** End of document: placed between packed examples and ends generation. */
    int eosId();

    /** Padding: never a training target. */
    int padId();

    int[] encode(String text);

    String decode(int[] ids);
}
