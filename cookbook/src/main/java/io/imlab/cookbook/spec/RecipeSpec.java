package io.imlab.cookbook.spec;

import java.util.Map;

/**
 * The training mixture (OPT-IML §3–4).
 *
 * @param seed             sampling seed
 * @param taskCap          example-proportional sampling cap per task (the paper's 4096, §4.2 Table 4)
 * @param collectionShares explicit collection shares; collections left out share the remaining mass in
 *                         proportion to their capped sizes (metaseq {@code --data-sampling-prob})
 * @param cotShare         share of chain-of-thought examples (the paper picks 1%; 4% hurts)
 * @param dialogueShare    share of dialogue examples (the paper's 0.5% hurt exact-format tasks)
 * @param plainTextShare   share of plain pre-training text (the paper picks 5%)
 * @param sequenceLength   tokens per packed training sequence
 * @param sequences        number of packed sequences to produce (the token budget / sequence length)
 */
public record RecipeSpec(
        long seed,
        int taskCap,
        Map<String, Double> collectionShares,
        double cotShare,
        double dialogueShare,
        double plainTextShare,
        int sequenceLength,
        int sequences) {
    public RecipeSpec {
        collectionShares = collectionShares == null ? Map.of() : Map.copyOf(collectionShares);
    }

    /**
     * The paper's final recipe scaled down: EPS cap 4096 (§4.2 Table 4), no explicit collection
     * shares, 1% chain-of-thought (Table 20), no dialogue (Table 7), 5% plain text (Table 19);
     * 4000 packed sequences of 256 tokens.
     */
    public static RecipeSpec defaults() {
        return new RecipeSpec(7, 4096, Map.of(), 0.01, 0.0, 0.05, 256, 4000);
    }
}
