package io.imlab.trainer;

import io.imlab.cookbook.pack.PackedDatasetWriter;
import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import io.imlab.cookbook.tokenize.Tokenizer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Small procedural byte-level tasks packed the way the mixture packer does: prompt, target, EOS. */
final class ToyTasks {
    static final Tokenizer TOKENIZER = new ByteTokenizer();

    record Example(String prompt, String target) {
    }

    private ToyTasks() {
    }

    /** "rev abc=" → "cba": reverse three random lower-case letters. */
    static List<Example> reversal(int count, long seed) {
        Random random = new Random(seed);
        List<Example> examples = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            char[] letters = new char[3];
            for (int j = 0; j < 3; j++) {
                letters[j] = (char) ('a' + random.nextInt(26));
            }
            String word = new String(letters);
            examples.add(new Example("rev " + word + "=", new StringBuilder(word).reverse().toString()));
        }
        return examples;
    }

    /** "up q:" → "Q": one lower-case letter to its upper case, every letter {@code repeats} times. */
    static List<Example> upperCase(int repeats, long seed) {
        List<Example> examples = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (char c = 'a'; c <= 'z'; c++) {
                examples.add(new Example("up " + c + ":", String.valueOf(Character.toUpperCase(c))));
            }
        }
        java.util.Collections.shuffle(examples, new Random(seed));
        return examples;
    }

    /**
     * Packs examples greedily into sequences of {@code length} tokens: each example is its prompt,
     * its target and EOS; the loss mask covers target and EOS; segments count from 1; the tail is padding.
     */
    static Path pack(Path dir, List<Example> examples, int length) {
        try (PackedDatasetWriter writer = new PackedDatasetWriter(dir, length, TOKENIZER.vocabSize(),
                TOKENIZER.eosId(), TOKENIZER.padId(), TOKENIZER.id())) {
            int[] tokens = new int[length];
            byte[] mask = new byte[length];
            int[] segments = new int[length];
            int used = 0;
            int segment = 0;
            for (Example example : examples) {
                int[] prompt = TOKENIZER.encode(example.prompt());
                int[] target = TOKENIZER.encode(example.target());
                int size = prompt.length + target.length + 1;
                if (used + size > length) {
                    writer.write(finish(tokens, mask, segments, used));
                    tokens = new int[length];
                    mask = new byte[length];
                    segments = new int[length];
                    used = 0;
                    segment = 0;
                }
                segment++;
                for (int id : prompt) {
                    tokens[used] = id;
                    segments[used++] = segment;
                }
                for (int id : target) {
                    tokens[used] = id;
                    mask[used] = 1;
                    segments[used++] = segment;
                }
                tokens[used] = TOKENIZER.eosId();
                mask[used] = 1;
                segments[used++] = segment;
            }
            if (used > 0) {
                writer.write(finish(tokens, mask, segments, used));
            }
        }
        return dir;
    }

    private static PackedSequence finish(int[] tokens, byte[] mask, int[] segments, int used) {
        Arrays.fill(tokens, used, tokens.length, TOKENIZER.padId());
        return new PackedSequence(tokens, mask, segments);
    }
}
