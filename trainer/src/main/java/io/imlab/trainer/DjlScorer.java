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
 * Sequences longer than the context keep their end (left truncation, OPT-IML §3.3). Methods are
 * synchronized: PyTorch's autograd mode and thread pool are process-wide.
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

    private DjlScorer(Tokenizer tokenizer, TrainerState state, Path checkpoint) throws CheckpointException {
        this.tokenizer = tokenizer;
        this.config = state.model();
        this.eosId = tokenizer.eosId();
        Engine engine = TorchEngine.get();
        this.manager = engine.newBaseManager();
        boolean built = false;
        try {
            this.model = new TransformerLm(config);
            Checkpoints.loadParameters(checkpoint, model, manager, false);
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
        TrainerState state = Checkpoints.verify(checkpoint);
        TrainerState.DataDescription data = state.data();
        if (data != null && (!tokenizer.id().equals(data.tokenizer()) || tokenizer.vocabSize() != data.vocabSize())) {
            throw new IllegalArgumentException(checkpoint + " was trained with tokenizer " + data.tokenizer()
                    + " (vocabulary " + data.vocabSize() + "), not " + tokenizer.id() + " (vocabulary "
                    + tokenizer.vocabSize() + ")");
        }
        return new DjlScorer(tokenizer, state, checkpoint);
    }

    public ModelConfig modelConfig() {
        return config;
    }

    /**
     * Summed log-probability of each candidate's tokens given the prompt (OPT-IML §4.1 rank
     * classification), all candidates in one batch. A candidate token is counted when the token before
     * it is inside the context window; an empty candidate scores 0.
     */
    @Override
    public synchronized double[] candidateLogLikelihoods(String prompt, List<String> candidateTexts) {
        long started = System.nanoTime();
        int count = candidateTexts.size();
        if (count == 0) {
            return new double[0];
        }
        int[] promptIds = tokenizer.encode(prompt);
        int context = config.contextLength();
        int[][] windows = new int[count][];
        int[] candidateStart = new int[count];
        int longest = 1;
        for (int c = 0; c < count; c++) {
            int[] candidate = tokenizer.encode(candidateTexts.get(c));
            int[] full = new int[promptIds.length + candidate.length];
            System.arraycopy(promptIds, 0, full, 0, promptIds.length);
            System.arraycopy(candidate, 0, full, promptIds.length, candidate.length);
            int dropped = Math.max(0, full.length - context);
            windows[c] = Arrays.copyOfRange(full, dropped, full.length);
            candidateStart[c] = promptIds.length - dropped;
            longest = Math.max(longest, windows[c].length);
        }
        int[][] tokens = new int[count][longest];
        int[] lengths = new int[count];
        long[] targets = new long[count * longest];
        float[] weights = new float[count * longest];
        for (int c = 0; c < count; c++) {
            Arrays.fill(tokens[c], tokenizer.padId());
            System.arraycopy(windows[c], 0, tokens[c], 0, windows[c].length);
            lengths[c] = windows[c].length;
            // Logits at position t predict token t+1: score every candidate token with a predecessor in the window.
            for (int t = Math.max(1, candidateStart[c]); t < windows[c].length; t++) {
                targets[c * longest + t - 1] = windows[c][t];
                weights[c * longest + t - 1] = 1f;
            }
            scoredTokens += lengths[c];
        }
        double[] result = new double[count];
        try (NDScope scope = new NDScope(); NDManager call = manager.newSubManager()) {
            scope.suppressNotUsedWarning();
            NDList inputs = ModelInputs.singleSegment(call, tokens, lengths);
            NDArray logits = model.forward(parameterStore, inputs, false).singletonOrThrow();
            NDArray picked = logits.logSoftmax(-1)
                    .gather(call.create(targets, new Shape(count, longest)).expandDims(-1), -1)
                    .squeeze(-1);
            float[] sums = picked.mul(call.create(weights, new Shape(count, longest))).sum(new int[] {1})
                    .toFloatArray();
            for (int c = 0; c < count; c++) {
                result[c] = sums[c];
            }
        }
        candidates += count;
        scoringNanos += System.nanoTime() - started;
        return result;
    }

    /**
     * Greedy decoding until the end-of-document token or {@code maxNewTokens}; the returned text excludes
     * the end-of-document token. Each new token re-reads at most the last context-length tokens (no
     * key/value cache) and projects only the last position to the vocabulary.
     */
    @Override
    public synchronized String generate(String prompt, int maxNewTokens) {
        long started = System.nanoTime();
        int[] promptIds = tokenizer.encode(prompt);
        int context = config.contextLength();
        // An empty prompt still needs one position to predict from; the document separator is what
        // precedes every example in a packed training sequence.
        int[] sequence = promptIds.length == 0 ? new int[] {eosId} : promptIds;
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

    /** Work done so far. */
    public synchronized ScorerStats stats() {
        return new ScorerStats(candidates, scoredTokens, scoringNanos / 1e9, generatedTokens, generationNanos / 1e9);
    }

    @Override
    public synchronized void close() {
        manager.close();
    }
}
