package io.imlab.cookbook.spec;

/**
 * MetaICL-style demonstrations in training prompts (OPT-IML §4.2, Table 8; Min et al. 2022): each task
 * example gets k demonstrations, other instances of its task, with k drawn from a Zipf law truncated
 * at {@code maxShots}: P(k) ∝ (k + 1)^−a for k = 0..K. The paper's K = 5; a = 4 gives 92.5% zero-shot
 * examples and a = 2 gives 67.1%. Demonstrations are separated by {@code "\n\n\n"}.
 *
 * @param maxShots             K, the most demonstrations per example; 0 turns MetaICL off (the paper's
 *                             final recipe)
 * @param zipfA                a, the Zipf exponent; larger means more zero-shot examples
 * @param lossOnDemonstrations the paper's "sf" (suffix loss) variant: the loss starts at the first
 *                             demonstration's label and covers everything after it; otherwise only the
 *                             final target carries loss
 */
public record MetaIclSpec(int maxShots, double zipfA, boolean lossOnDemonstrations) {
    public static MetaIclSpec defaults() {
        return new MetaIclSpec(0, 2.0, false);
    }

    public boolean enabled() {
        return maxShots > 0;
    }
}
