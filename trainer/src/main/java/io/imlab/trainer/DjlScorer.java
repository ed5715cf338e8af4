package io.imlab.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import io.imlab.cookbook.eval.LanguageModelScorer;
import io.imlab.cookbook.tokenize.Tokenizer;
import io.imlab.trainer.model.KeyValueCache;
import io.imlab.trainer.model.ModelInputs;
import io.imlab.trainer.model.TransformerLm;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Scores and generates with a trained checkpoint in-process.
 *
 * <p>Each sequence the model sees is one example: the prompt's tokens followed by the candidate's (or
 * the generated) tokens, with positions starting at 0, exactly as one packed example looks in training.
 *
 * <p>Rank classification runs the prompt <em>once</em> per example and keeps every layer's attention
 * keys and values ({@link KeyValueCache}); the candidates then run as a batch of continuations that
 * attend over those cached keys and values. The arithmetic is the same as running prompt + candidate
 * for each candidate ({@link #candidateLogLikelihoodsRecomputingPrompt}, kept as the reference and for
 * the benchmark), at a fraction of the cost when prompts are long and candidates short. Greedy
 * generation uses the same cache and runs one new token per step.
 *
 * <p>When a prompt and its longest candidate exceed the context, the prompt keeps its last
 * {@code context − longest candidate} tokens (left truncation, OPT-IML §3.3), the same for every
 * candidate so that all are compared on one context. Methods are synchronized: PyTorch's autograd mode
 * and thread pool are process-wide.
 */
public final class DjlScorer implements LanguageModelScorer {
    private final Tokenizer tokenizer;
    private final ModelConfig config;
    private final int eosId;
    private final NDManager manager;
    private final TransformerLm model;
    private final ParameterStore parameterStore;
    private long candidates;
    private long scoredTokens;
    private long scoringNanos;
    private long generatedTokens;
    private long generationNanos;

    private DjlScorer(Tokenizer tokenizer, TrainerState state, Path checkpoint, boolean untrained) throws CheckpointException {
        this.tokenizer = tokenizer;
        this.config = state.model();
        this.eosId = tokenizer.eosId();
        Engine engine = TorchEngine.get();
        this.manager = engine.newBaseManager();
        boolean built = false;
        try {
            this.model = new TransformerLm(config);
            if (untrained) {
                // The very weights the run started from (TrainingRun draws them from the same seed).
                engine.setRandomSeed(Seeds.initialization(state.seed()));
                model.initialize(manager);
            } else {
                Checkpoints.loadParameters(checkpoint, model, manager, false);
            }
            this.parameterStore = new ParameterStore(manager, false);
            built = true;
        } finally {
            if (!built) {
                manager.close();
            }
        }
    }

    /**
     * Loads a complete checkpoint folder ({@code step-<N>/}).
     *
     * @param tokenizer the tokenizer the training data was packed with
     * @throws CheckpointException      when the checkpoint is partial, corrupt or unreadable
     * @throws IllegalArgumentException when {@code tokenizer} is not the one the model was trained with
     */
    public static DjlScorer load(Path checkpoint, Tokenizer tokenizer) throws CheckpointException {
        return new DjlScorer(tokenizer, verified(checkpoint, tokenizer), checkpoint, false);
    }

    /**
     * The untrained model of a run: the checkpoint's architecture with the step-0 weights its training
     * started from (same seed), the "base" an instruction-tuned model is compared with when no
     * pre-trained model exists.
     */
    public static DjlScorer untrained(Path checkpoint, Tokenizer tokenizer) throws CheckpointException {
        return new DjlScorer(tokenizer, verified(checkpoint, tokenizer), checkpoint, true);
    }

    private static TrainerState verified(Path checkpoint, Tokenizer tokenizer) throws CheckpointException {
        TrainerState state = Checkpoints.verify(checkpoint);
        TrainerState.DataDescription data = state.data();
        if (data != null && (!tokenizer.id().equals(data.tokenizer()) || tokenizer.vocabSize() != data.vocabSize())) {
            throw new IllegalArgumentException(checkpoint + " was trained with tokenizer " + data.tokenizer()
                    + " (vocabulary " + data.vocabSize() + "), not " + tokenizer.id() + " (vocabulary "
                    + tokenizer.vocabSize() + ")");
        }
        return state;
    }

    public ModelConfig modelConfig() {
        return config;
    }

    /**
     * Summed log-probability of each candidate's tokens given the prompt (OPT-IML §4.1 rank
     * classification): the prompt runs once, the candidates run as one batch over its cached keys and
     * values. An empty candidate scores 0.
     */
    @Override
    public synchronized double[] candidateLogLikelihoods(String prompt, List<String> candidateTexts) {
        long started = System.nanoTime();
        Encoded encoded = encode(prompt, candidateTexts);
        double[] result;
        if (encoded.longest() == 0) {
            result = new double[candidateTexts.size()];
        } else if (encoded.prompt().length == 0) {
            // Nothing to cache: the first candidate token has no predecessor in the window (as in the naive path).
            result = recomputingPrompt(encoded);
        } else {
            result = sharedPrompt(encoded);
        }
        candidates += candidateTexts.size();
        scoringNanos += System.nanoTime() - started;
        return result;
    }

    /**
     * The same log-likelihoods computed the plain way: one batch row of prompt + candidate per candidate,
     * so the prompt is run once per candidate. The reference {@link #candidateLogLikelihoods} is tested
     * against, and the baseline of the rank-classification benchmark.
     */
    public synchronized double[] candidateLogLikelihoodsRecomputingPrompt(String prompt, List<String> candidateTexts) {
        long started = System.nanoTime();
        Encoded encoded = encode(prompt, candidateTexts);
        double[] result = encoded.longest() == 0 ? new double[candidateTexts.size()] : recomputingPrompt(encoded);
        candidates += candidateTexts.size();
        scoringNanos += System.nanoTime() - started;
        return result;
    }

    /** A prompt cut to fit beside the longest candidate, and the candidates' token ids. */
    private record Encoded(int[] prompt, int[][] candidates, int longest) {
    }

    private Encoded encode(String prompt, List<String> candidateTexts) {
        int[][] candidateIds = new int[candidateTexts.size()][];
        int longest = 0;
        for (int c = 0; c < candidateIds.length; c++) {
            candidateIds[c] = tokenizer.encode(candidateTexts.get(c));
            longest = Math.max(longest, candidateIds[c].length);
        }
        int context = config.contextLength();
        if (longest > context) {
            throw new IllegalArgumentException("a candidate of " + longest + " tokens does not fit the context of "
                    + context + " tokens");
        }
        int[] promptIds = tokenizer.encode(prompt);
        int keep = Math.min(promptIds.length, context - longest);
        return new Encoded(Arrays.copyOfRange(promptIds, promptIds.length - keep, promptIds.length), candidateIds, longest);
    }

    private double[] sharedPrompt(Encoded encoded) {
        int count = encoded.candidates().length;
        int promptLength = encoded.prompt().length;
        int longest = encoded.longest();
        double[] result = new double[count];
        try (NDScope scope = new NDScope(); NDManager call = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            TransformerLm.Continuation prefix = model.continueFrom(parameterStore,
                    ModelInputs.continuation(call, new int[][] {encoded.prompt()}, 0), null);
            // The prompt's last position predicts every candidate's first token.
            float[] first = model.logits(parameterStore, prefix.hidden().get(new NDIndex(":, -1, :")), false)
                    .logSoftmax(-1).toFloatArray();
            int[][] rows = new int[count][longest];
            long[] targets = new long[count * longest];
            float[] weights = new float[count * longest];
            for (int c = 0; c < count; c++) {
                int[] candidate = encoded.candidates()[c];
                Arrays.fill(rows[c], tokenizer.padId());
                System.arraycopy(candidate, 0, rows[c], 0, candidate.length);
                if (candidate.length > 0) {
                    result[c] = first[candidate[0]];
                }
                // Position t of the continuation predicts its token t+1.
                for (int t = 0; t + 1 < candidate.length; t++) {
                    targets[c * longest + t] = candidate[t + 1];
                    weights[c * longest + t] = 1f;
                }
                scoredTokens += candidate.length;
            }
            scoredTokens += promptLength;
            if (longest > 1) {
                NDArray hidden = model.continueFrom(parameterStore, ModelInputs.continuation(call, rows, promptLength),
                        prefix.cache()).hidden();
                NDArray picked = model.logits(parameterStore, hidden, false).logSoftmax(-1)
                        .gather(call.create(targets, new Shape(count, longest)).expandDims(-1), -1)
                        .squeeze(-1);
                float[] sums = picked.mul(call.create(weights, new Shape(count, longest))).sum(new int[] {1}).toFloatArray();
                for (int c = 0; c < count; c++) {
                    result[c] += sums[c];
                }
            }
        }
        return result;
    }

    private double[] recomputingPrompt(Encoded encoded) {
        int count = encoded.candidates().length;
        int[] promptIds = encoded.prompt();
        int width = Math.max(1, promptIds.length + encoded.longest());
        int[][] tokens = new int[count][width];
        int[] lengths = new int[count];
        long[] targets = new long[count * width];
        float[] weights = new float[count * width];
        for (int c = 0; c < count; c++) {
            int[] candidate = encoded.candidates()[c];
            Arrays.fill(tokens[c], tokenizer.padId());
            System.arraycopy(promptIds, 0, tokens[c], 0, promptIds.length);
            System.arraycopy(candidate, 0, tokens[c], promptIds.length, candidate.length);
            lengths[c] = promptIds.length + candidate.length;
            // Logits at position t predict token t+1: score every candidate token with a predecessor in the window.
            for (int t = Math.max(1, promptIds.length); t < lengths[c]; t++) {
                targets[c * width + t - 1] = tokens[c][t];
                weights[c * width + t - 1] = 1f;
            }
            scoredTokens += lengths[c];
        }
        double[] result = new double[count];
        try (NDScope scope = new NDScope(); NDManager call = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDList inputs = ModelInputs.singleSegment(call, tokens, lengths);
            NDArray logits = model.forward(parameterStore, inputs, false).singletonOrThrow();
            NDArray picked = logits.logSoftmax(-1)
                    .gather(call.create(targets, new Shape(count, width)).expandDims(-1), -1)
                    .squeeze(-1);
            float[] sums = picked.mul(call.create(weights, new Shape(count, width))).sum(new int[] {1}).toFloatArray();
            for (int c = 0; c < count; c++) {
                result[c] = sums[c];
            }
        }
        return result;
    }

    /**
     * Greedy decoding until the end-of-document token or {@code maxNewTokens}; the returned text excludes
     * the end-of-document token. The prompt runs once into a key/value cache and each step runs only the
     * new token; when the sequence outgrows the context, the last context-length tokens are re-read from
     * position 0, exactly as {@link #generateWithoutCache} does.
     */
    @Override
    public synchronized String generate(String prompt, int maxNewTokens) {
        long started = System.nanoTime();
        int context = config.contextLength();
        int[] sequence = startOf(prompt);
        int[] generated = new int[Math.max(0, maxNewTokens)];
        int produced = 0;
        try (NDManager call = manager.newSubManager()) {
            KeyValueCache cache = null;
            int[] pending = sequence.length > context ? Arrays.copyOfRange(sequence, sequence.length - context, sequence.length) : sequence;
            while (produced < maxNewTokens) {
                int next;
                try (NDScope step = new NDScope()) {
                    step.suppressNotUsedWarning();
                    TransformerLm.Continuation out = model.continueFrom(parameterStore,
                            ModelInputs.continuation(call, new int[][] {pending}, cache == null ? 0 : cache.length()), cache);
                    next = (int) model.logits(parameterStore, out.hidden().get(new NDIndex(":, -1, :")), false)
                            .argMax(-1).toLongArray()[0];
                    KeyValueCache grown = cache == null ? out.cache() : cache.append(out.cache());
                    grown.outliveScope();
                    if (cache != null) {
                        cache.close();
                    }
                    cache = grown;
                }
                if (next == eosId) {
                    break;
                }
                generated[produced++] = next;
                sequence = Arrays.copyOf(sequence, sequence.length + 1);
                sequence[sequence.length - 1] = next;
                if (cache.length() + 1 > context) {
                    // The window slides: positions restart at 0 on the last context-length tokens.
                    cache.close();
                    cache = null;
                    pending = Arrays.copyOfRange(sequence, sequence.length - context, sequence.length);
                } else {
                    pending = new int[] {next};
                }
            }
        }
        generatedTokens += produced;
        generationNanos += System.nanoTime() - started;
        return tokenizer.decode(Arrays.copyOf(generated, produced));
    }

    /**
     * Greedy decoding that re-reads the last context-length tokens for every new token (no cache): the
     * reference {@link #generate} is tested against.
     */
    public synchronized String generateWithoutCache(String prompt, int maxNewTokens) {
        long started = System.nanoTime();
        int context = config.contextLength();
        int[] sequence = startOf(prompt);
        int[] generated = new int[Math.max(0, maxNewTokens)];
        int produced = 0;
        while (produced < maxNewTokens) {
            int[] window = sequence.length > context
                    ? Arrays.copyOfRange(sequence, sequence.length - context, sequence.length)
                    : sequence;
            int next;
            try (NDScope scope = new NDScope(); NDManager call = manager.newSubManager()) {
                scope.suppressNotUsedWarning();
                NDList inputs = ModelInputs.singleSegment(call, new int[][] {window}, new int[] {window.length});
                NDArray hidden = model.hiddenStates(parameterStore, inputs, false);
                NDArray last = hidden.get(new NDIndex(":, -1, :"));
                next = (int) model.logits(parameterStore, last, false).argMax(-1).toLongArray()[0];
            }
            if (next == eosId) {
                break;
            }
            generated[produced++] = next;
            sequence = Arrays.copyOf(sequence, sequence.length + 1);
            sequence[sequence.length - 1] = next;
        }
        generatedTokens += produced;
        generationNanos += System.nanoTime() - started;
        return tokenizer.decode(Arrays.copyOf(generated, produced));
    }

    /**
     * The prompt's tokens; an empty prompt still needs one position to predict from, and the document
     * separator is what precedes every example in a packed training sequence.
     */
    private int[] startOf(String prompt) {
        int[] promptIds = tokenizer.encode(prompt);
        return promptIds.length == 0 ? new int[] {eosId} : promptIds;
    }

    /** Work done so far. */
    public synchronized ScorerStats stats() {
        return new ScorerStats(candidates, scoredTokens, scoringNanos / 1e9, generatedTokens, generationNanos / 1e9);
    }

    @Override
    public synchronized void close() {
        manager.close();
    }
}
