package io.imlab.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.imlab.trainer.ModelConfig;

import java.util.ArrayList;
import java.util.List;

/**
 * Decoder-only transformer language model in the OPT layout: token embedding plus a learned position
 * embedding whose positions restart at every packed example, pre-LayerNorm blocks with document-masked
 * causal attention and a GELU MLP, a final LayerNorm, and a projection to the vocabulary.
 *
 * <p>{@link #forward} takes the three arrays built by {@link ModelInputs#toNDList}: token ids
 * {@code (B, T)}, positions {@code (B, T)} and the additive attention bias {@code (B, 1, T, T)}, and
 * returns logits {@code (B, T, vocab)}. Weights are drawn from the engine's random generator, so seed
 * the engine before {@link #initialize}.
 */
public final class TransformerLm extends ExplicitShapeBlock {
    /** Standard deviation of the normal initialization of weight matrices and embeddings (GPT-2/OPT). */
    static final float INIT_STD = 0.02f;
    static final float LAYER_NORM_EPS = 1e-5f;

    private final ModelConfig config;
    private final Shape normalizedShape;
    private final Parameter tokenEmbedding;
    private final Parameter positionEmbedding;
    private final Parameter finalNormGamma;
    private final Parameter finalNormBeta;
    private final Parameter outputWeight;
    private final Parameter outputBias;
    private final List<DecoderLayer> layers = new ArrayList<>();

    public TransformerLm(ModelConfig config) {
        this.config = config;
        int d = config.dModel();
        normalizedShape = new Shape(d);
        Initializer normal = new NormalInitializer(INIT_STD);
        // Residual-branch projections start smaller so the residual stream's variance does not grow
        // with depth (GPT-2 scaling by 1/sqrt(2 · layers)).
        Initializer residual = new NormalInitializer((float) (INIT_STD / Math.sqrt(2.0 * config.layers())));
        tokenEmbedding = parameter("token_embedding", Parameter.Type.WEIGHT, normal, config.vocabSize(), d);
        positionEmbedding = parameter("position_embedding", Parameter.Type.WEIGHT, normal, config.contextLength(), d);
        for (int i = 0; i < config.layers(); i++) {
            layers.add(addChildBlock("layer", new DecoderLayer(config, residual)));
        }
        finalNormGamma = parameter("final_norm_gamma", Parameter.Type.GAMMA, Initializer.ONES, d);
        finalNormBeta = parameter("final_norm_beta", Parameter.Type.BETA, Initializer.ZEROS, d);
        outputWeight = parameter("output_weight", Parameter.Type.WEIGHT, normal, config.vocabSize(), d);
        outputBias = parameter("output_bias", Parameter.Type.BIAS, Initializer.ZEROS, config.vocabSize());
    }

    public ModelConfig config() {
        return config;
    }

    /** Allocates and draws every parameter on {@code manager} (float32, on the manager's device). */
    public void initialize(NDManager manager) {
        Shape tokens = new Shape(1, config.contextLength());
        initialize(manager, DataType.FLOAT32, tokens, tokens, new Shape(1, 1, config.contextLength(), config.contextLength()));
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        return getParameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(logits(store, hiddenStates(store, inputs, training), training));
    }

    /** Final-LayerNormed hidden states {@code (B, T, d)} for the inputs of {@link ModelInputs#toNDList}. */
    public NDArray hiddenStates(ParameterStore store, NDList inputs, boolean training) {
        NDArray tokens = inputs.get(0);
        NDArray positions = inputs.get(1);
        NDArray bias = inputs.get(2);
        NDArray x = embed(store, tokens, positions, training);
        // Embedding dropout, as in OPT-IML §3.3 ("dropout 0.1, including embedding dropout").
        x = Dropout.dropout(x, (float) config.dropout(), training).singletonOrThrow();
        for (DecoderLayer layer : layers) {
            x = layer.forward(store, new NDList(x, bias), training).singletonOrThrow();
        }
        return LayerNorm.layerNorm(x, normalizedShape,
                        store.getValue(finalNormGamma, x.getDevice(), training),
                        store.getValue(finalNormBeta, x.getDevice(), training),
                        LAYER_NORM_EPS)
                .singletonOrThrow();
    }

    /** Token embeddings plus learned position embeddings {@code (B, T, d)}. */
    private NDArray embed(ParameterStore store, NDArray tokens, NDArray positions, boolean training) {
        return Embedding.embedding(tokens, store.getValue(tokenEmbedding, tokens.getDevice(), training), SparseFormat.DENSE)
                .singletonOrThrow()
                .add(Embedding.embedding(positions, store.getValue(positionEmbedding, tokens.getDevice(), training),
                                SparseFormat.DENSE)
                        .singletonOrThrow());
    }

    /**
     * Final-LayerNormed hidden states of new tokens that attend over a cache of earlier tokens' keys and
     * values as well as over each other (inference only, no dropout). With {@code past == null} this is
     * {@link #hiddenStates} of a sequence that starts at position 0, plus its cache.
     *
     * @param inputs token ids {@code (B, T)}, positions {@code (B, T)} continuing the cached ones, and the
     *               additive bias {@code (B, 1, T, P + T)} ({@link ModelInputs#continuation})
     * @param past   the earlier tokens' cache, batch 1 (shared by every row) or B; null for none
     * @return the new tokens' hidden states {@code (B, T, d)} and their own keys and values
     */
    public Continuation continueFrom(ParameterStore store, NDList inputs, KeyValueCache past) {
        NDArray tokens = inputs.get(0);
        NDArray positions = inputs.get(1);
        NDArray bias = inputs.get(2);
        NDArray x = embed(store, tokens, positions, false);
        List<NDArray> keys = new ArrayList<>(layers.size());
        List<NDArray> values = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            NDArray[] out = layers.get(i).forwardCached(store, x, bias,
                    past == null ? null : past.keys(i), past == null ? null : past.values(i));
            x = out[0];
            keys.add(out[1]);
            values.add(out[2]);
        }
        NDArray hidden = LayerNorm.layerNorm(x, normalizedShape,
                        store.getValue(finalNormGamma, x.getDevice(), false),
                        store.getValue(finalNormBeta, x.getDevice(), false),
                        LAYER_NORM_EPS)
                .singletonOrThrow();
        return new Continuation(hidden, new KeyValueCache(keys, values));
    }

    /**
     * The result of {@link #continueFrom}.
     *
     * @param hidden hidden states of the new tokens
     * @param cache  the new tokens' keys and values (append it to the past cache to go on)
     */
    public record Continuation(NDArray hidden, KeyValueCache cache) {
    }

    /** Projects hidden states {@code (…, d)} to vocabulary logits {@code (…, vocab)}. */
    public NDArray logits(ParameterStore store, NDArray hidden, boolean training) {
        return Linear.linear(hidden,
                        store.getValue(outputWeight, hidden.getDevice(), training),
                        store.getValue(outputBias, hidden.getDevice(), training))
                .singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].addAll(new Shape(config.vocabSize()))};
    }
}
