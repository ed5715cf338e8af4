package io.imlab.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.imlab.trainer.ModelConfig;

/**
 * One pre-LayerNorm decoder block (as in OPT): {@code x + attn(LN(x))}, then {@code h + ffn(LN(h))}.
 *
 * <p>Input: {@code [hidden (B, T, d), attentionBias (B, 1, T, T)]}; output: {@code [(B, T, d)]}.
 */
final class DecoderLayer extends ExplicitShapeBlock {
    private final Shape normalizedShape;
    private final Parameter attentionNormGamma;
    private final Parameter attentionNormBeta;
    private final Parameter ffnNormGamma;
    private final Parameter ffnNormBeta;
    private final CausalSelfAttention attention;
    private final FeedForward feedForward;

    DecoderLayer(ModelConfig config, Initializer residualInit) {
        int d = config.dModel();
        normalizedShape = new Shape(d);
        attentionNormGamma = parameter("attention_norm_gamma", Parameter.Type.GAMMA, Initializer.ONES, d);
        attentionNormBeta = parameter("attention_norm_beta", Parameter.Type.BETA, Initializer.ZEROS, d);
        ffnNormGamma = parameter("ffn_norm_gamma", Parameter.Type.GAMMA, Initializer.ONES, d);
        ffnNormBeta = parameter("ffn_norm_beta", Parameter.Type.BETA, Initializer.ZEROS, d);
        attention = addChildBlock("attention", new CausalSelfAttention(config, residualInit));
        feedForward = addChildBlock("feed_forward", new FeedForward(config, residualInit));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray bias = inputs.get(1);
        NDArray normed = layerNorm(store, x, attentionNormGamma, attentionNormBeta, training);
        NDArray h = x.add(attention.forward(store, new NDList(normed, bias), training).singletonOrThrow());
        NDArray normedH = layerNorm(store, h, ffnNormGamma, ffnNormBeta, training);
        return new NDList(h.add(feedForward.forward(store, new NDList(normedH), training).singletonOrThrow()));
    }

    /**
     * The block for new tokens attending over cached keys and values ({@link CausalSelfAttention#forwardCached}).
     *
     * @return {@code {output, keys, values}} of the new tokens
     */
    NDArray[] forwardCached(ParameterStore store, NDArray x, NDArray bias, NDArray pastKeys, NDArray pastValues) {
        NDArray normed = layerNorm(store, x, attentionNormGamma, attentionNormBeta, false);
        NDArray[] attended = attention.forwardCached(store, normed, bias, pastKeys, pastValues);
        NDArray h = x.add(attended[0]);
        NDArray normedH = layerNorm(store, h, ffnNormGamma, ffnNormBeta, false);
        NDArray out = h.add(feedForward.forward(store, new NDList(normedH), false).singletonOrThrow());
        return new NDArray[] {out, attended[1], attended[2]};
    }

    private NDArray layerNorm(ParameterStore store, NDArray x, Parameter gamma, Parameter beta, boolean training) {
        return LayerNorm.layerNorm(x, normalizedShape,
                        store.getValue(gamma, x.getDevice(), training),
                        store.getValue(beta, x.getDevice(), training),
                        TransformerLm.LAYER_NORM_EPS)
                .singletonOrThrow();
    }
}
