package io.imlab.cookbook.pack;

/**
 * Header of a packed dataset folder ({@code packed.json}).
 *
 * @param format         format version, {@link PackedDatasetWriter#FORMAT}
 * @param sequenceLength tokens per sequence
 * @param sequences      number of sequences
 * @param vocabSize      vocabulary size of the tokenizer that produced the ids
 * @param eosId          end-of-document id
 * @param padId          padding id
 * @param tokenizer      tokenizer id ({@code Tokenizer#id()})
 */
public record PackedDatasetInfo(
        String format, int sequenceLength, long sequences, int vocabSize, int eosId, int padId, String tokenizer) {
}
