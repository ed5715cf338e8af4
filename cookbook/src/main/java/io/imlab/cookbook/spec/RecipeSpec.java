package io.imlab.cookbook.spec;

import java.util.Map;

/**
 * The training mixture (OPT-IML §3–4): how much of which data, sampled how, tokenized with what, packed
 * into how many sequences. Every field has a default (see {@code docs/spec-reference.md}); the paper's
 * recipes are spelled out in {@code docs/recipes.md}.
 *
 * @param seed             sampling seed
 * @param taskCap          example-proportional sampling cap per task (the paper's 4096, §4.2 Table 4)
 * @param collectionShares explicit collection shares; collections left out share the remaining mass in
 *                         proportion to their capped sizes (metaseq {@code --data-sampling-prob})
 * @param cotShare         share of chain-of-thought examples (the paper picks 1%; 4% hurts)
 * @param dialogueShare    share of dialogue examples (the paper's 0.5% hurt exact-format tasks)
 * @param plainTextShare   share of plain pre-training text (the paper picks 5%)
 * @param sequenceLength   tokens per packed training sequence
 * @param sequences        number of packed sequences to produce, unless {@code tokens} is set
 * @param collectionCaps   per-collection cap replacing {@code taskCap} for that collection's tasks
 *                         (metaseq {@code --caps}; the paper caps FLAN lower than the rest, §2.1)
 * @param equalCategories  within a collection, give every category the same share, then weight its tasks
 *                         by capped size (metaseq {@code --equalize-cluster-probs})
 * @param temperature      task weights within a group are capped size^(1/temperature); 1 is plain
 *                         example-proportional sampling, larger flattens towards uniform
 *                         (metaseq {@code --multicorpus-sampling-alpha} = 1/temperature)
 * @param subset           nested task and category subsets for scaling experiments (Tables 17, 18)
 * @param metaIcl          demonstrations in training prompts (Table 8); off by default
 * @param tokens           token budget: when positive, the mixture holds ⌈tokens / sequenceLength⌉
 *                         sequences and {@code sequences} is ignored
 * @param tokenizer        which tokenizer produces the ids
 */
public record RecipeSpec(
        long seed,
        int taskCap,
        Map<String, Double> collectionShares,
        double cotShare,
        double dialogueShare,
        double plainTextShare,
        int sequenceLength,
        int sequences,
        Map<String, Integer> collectionCaps,
        Boolean equalCategories,
        Double temperature,
        TaskSubsetSpec subset,
        MetaIclSpec metaIcl,
        Long tokens,
        TokenizerSpec tokenizer) {
    public RecipeSpec {
        collectionShares = collectionShares == null ? Map.of() : Map.copyOf(collectionShares);
        // Absent fields (older payloads, hand-built specs) take their defaults; explicit values are kept
        // as given so that the validator can report them.
        collectionCaps = collectionCaps == null ? Map.of() : Map.copyOf(collectionCaps);
        equalCategories = equalCategories != null && equalCategories;
        temperature = temperature == null ? 1.0 : temperature;
        subset = subset == null ? TaskSubsetSpec.defaults() : subset;
        metaIcl = metaIcl == null ? MetaIclSpec.defaults() : metaIcl;
        tokens = tokens == null ? 0L : tokens;
        tokenizer = tokenizer == null ? TokenizerSpec.defaults() : tokenizer;
    }

    /** A recipe with the original eight fields and every newer field at its default. */
    public RecipeSpec(long seed, int taskCap, Map<String, Double> collectionShares, double cotShare,
                      double dialogueShare, double plainTextShare, int sequenceLength, int sequences) {
        this(seed, taskCap, collectionShares, cotShare, dialogueShare, plainTextShare, sequenceLength, sequences,
                null, null, null, null, null, null, null);
    }

    /**
     * The paper's final recipe scaled down: EPS cap 4096 (§4.2 Table 4), no explicit collection
     * shares, 1% chain-of-thought (Table 20), no dialogue (Table 7), 5% plain text (Table 19), no
     * MetaICL (Table 8), all tasks; 4000 packed sequences of 256 tokens; byte tokenizer.
     */
    public static RecipeSpec defaults() {
        return new RecipeSpec(7, 4096, Map.of(), 0.01, 0.0, 0.05, 256, 4000);
    }

    /** The cap of one collection's tasks: its {@code collectionCaps} entry, else {@code taskCap}. */
    public int capFor(String collection) {
        return collectionCaps.getOrDefault(collection, taskCap);
    }

    /** Sequences to write: from the token budget when one is set, else {@code sequences}. */
    public long sequenceCount() {
        if (tokens > 0 && sequenceLength > 0) {
            return (tokens + sequenceLength - 1) / sequenceLength;
        }
        return sequences;
    }

    /** A copy with other sharing of the extra pools; convenient for tests and grids built in code. */
    public RecipeSpec withShares(double cot, double dialogue, double plainText) {
        return new RecipeSpec(seed, taskCap, collectionShares, cot, dialogue, plainText, sequenceLength, sequences,
                collectionCaps, equalCategories, temperature, subset, metaIcl, tokens, tokenizer);
    }

    /** A copy with other MetaICL settings. */
    public RecipeSpec withMetaIcl(MetaIclSpec newMetaIcl) {
        return new RecipeSpec(seed, taskCap, collectionShares, cotShare, dialogueShare, plainTextShare, sequenceLength,
                sequences, collectionCaps, equalCategories, temperature, subset, newMetaIcl, tokens, tokenizer);
    }

    /** A copy with another task subset. */
    public RecipeSpec withSubset(TaskSubsetSpec newSubset) {
        return new RecipeSpec(seed, taskCap, collectionShares, cotShare, dialogueShare, plainTextShare, sequenceLength,
                sequences, collectionCaps, equalCategories, temperature, newSubset, metaIcl, tokens, tokenizer);
    }

    /** A copy with other sampling weights: caps per collection, equal categories, temperature. */
    public RecipeSpec withSampling(Map<String, Integer> newCollectionCaps, boolean newEqualCategories, double newTemperature) {
        return new RecipeSpec(seed, taskCap, collectionShares, cotShare, dialogueShare, plainTextShare, sequenceLength,
                sequences, newCollectionCaps, newEqualCategories, newTemperature, subset, metaIcl, tokens, tokenizer);
    }

    /** A copy with a token budget (0 to use {@code sequences}). */
    public RecipeSpec withTokens(long newTokens) {
        return new RecipeSpec(seed, taskCap, collectionShares, cotShare, dialogueShare, plainTextShare, sequenceLength,
                sequences, collectionCaps, equalCategories, temperature, subset, metaIcl, newTokens, tokenizer);
    }

    /** A copy with another tokenizer. */
    public RecipeSpec withTokenizer(TokenizerSpec newTokenizer) {
        return new RecipeSpec(seed, taskCap, collectionShares, cotShare, dialogueShare, plainTextShare, sequenceLength,
                sequences, collectionCaps, equalCategories, temperature, subset, metaIcl, tokens, newTokenizer);
    }
}
