package io.imlab.cookbook.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/**
 * Evaluation protocol (OPT-IML §4.1) and the diagnostics and comparisons around it.
 *
 * @param shots                      the k of k-shot (0-shot is always evaluated too); the paper uses 5
 * @param maxInstancesPerTask        evaluation instances per task (the paper uses 250)
 * @param maxNewTokens               greedy generation limit (the paper uses 256)
 * @param demonstrations             where k-shot demonstrations come from: {@code positive-examples} (the
 *                                   task's positive examples, the task's other instances when it has fewer
 *                                   than k) or {@code instances} (the task's training instances where the
 *                                   bench has them, i.e. level 3, else its other evaluation instances)
 * @param lengthNormalized           rank candidates by log-likelihood per UTF-8 byte instead of the sum
 *                                   (the paper sums; normalizing favours long candidates less)
 * @param seed                       fixes templates, delimiters, demonstrations and bootstrap resamples;
 *                                   every cell of a grid sees the same prompts, so cells are paired
 * @param bootstrapSamples           resamples for the 95% intervals of every aggregate (0: no intervals)
 * @param diagnosticInstancesPerTask instances per task probed for output-format compliance on closed-label
 *                                   tasks and re-scored across templates and delimiters (0: no probes)
 * @param sensitivityVariants        prompt variants (template × delimiter) per probed instance (the
 *                                   MetaICL fragility); fewer than 2 disables the sensitivity diagnostic
 * @param base                       a base model evaluated beside the trained one, for per-level deltas:
 *                                   empty (none), {@code init} (the run's own step-0 initialization) or
 *                                   the URI of a checkpoint folder
 * @param responsesUri               when set, scores come from this JSONL responses object written by an
 *                                   external inference engine (see {@code docs/evaluation.md}) instead of
 *                                   the in-process DJL scorer
 * @param split                      which evaluation split is scored: {@value #DEV} (the paper's ablations,
 *                                   §4) or {@value #TEST} (final numbers)
 */
public record EvalSpec(
        int shots,
        int maxInstancesPerTask,
        int maxNewTokens,
        String demonstrations,
        boolean lengthNormalized,
        long seed,
        int bootstrapSamples,
        int diagnosticInstancesPerTask,
        int sensitivityVariants,
        String base,
        String responsesUri,
        String split) {

    public static final String DEV = "dev";
    public static final String TEST = "test";
    public static final String POSITIVE_EXAMPLES = "positive-examples";
    public static final String INSTANCES = "instances";
    /** The values {@code demonstrations} accepts. */
    public static final List<String> DEMONSTRATION_SOURCES = List.of(POSITIVE_EXAMPLES, INSTANCES);
    /** {@code base: init}: the run's step-0 model, the same initialization its training started from. */
    public static final String BASE_INIT = "init";
    /** The seed the quickstart and earlier runs used for prompts. */
    public static final long DEFAULT_SEED = 20221222L;

    @JsonCreator
    public EvalSpec {
        split = split == null ? DEV : split;
        demonstrations = demonstrations == null ? POSITIVE_EXAMPLES : demonstrations;
        base = base == null ? "" : base;
        responsesUri = responsesUri == null ? "" : responsesUri;
    }

    /** Every field but the split, which is {@value #DEV}. */
    public EvalSpec(int shots, int maxInstancesPerTask, int maxNewTokens, String demonstrations,
                    boolean lengthNormalized, long seed, int bootstrapSamples, int diagnosticInstancesPerTask,
                    int sensitivityVariants, String base, String responsesUri) {
        this(shots, maxInstancesPerTask, maxNewTokens, demonstrations, lengthNormalized, seed, bootstrapSamples,
                diagnosticInstancesPerTask, sensitivityVariants, base, responsesUri, DEV);
    }

    /** The protocol limits with every other field at its default. */
    public EvalSpec(int shots, int maxInstancesPerTask, int maxNewTokens) {
        this(shots, maxInstancesPerTask, maxNewTokens, POSITIVE_EXAMPLES, false, DEFAULT_SEED, 1000, 5, 4, "", "");
    }

    /**
     * Defaults sized for a quick CPU run: 2-shot, 40 instances per task, 24 new tokens, demonstrations
     * from positive examples, summed log-likelihoods, 1000 bootstrap resamples, 5 probed instances per
     * task in 4 prompt variants, no base model.
     */
    public static EvalSpec defaults() {
        return new EvalSpec(2, 40, 24);
    }

    /** Whether a base model is evaluated beside the trained one. */
    public boolean hasBase() {
        return !base.isBlank();
    }

    /** Whether an external engine's responses replace the in-process scorer. */
    public boolean external() {
        return !responsesUri.isBlank();
    }

    /** A copy with another base, e.g. to evaluate the base model itself without a base of its own. */
    public EvalSpec withBase(String newBase) {
        return new EvalSpec(shots, maxInstancesPerTask, maxNewTokens, demonstrations, lengthNormalized, seed,
                bootstrapSamples, diagnosticInstancesPerTask, sensitivityVariants, newBase, responsesUri, split);
    }
}
