package io.imlab.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.imlab.trainer.ModelConfig;

/**
 * Multi-head self-attention whose mask is both causal and confined to the token's own packed example
 * (document attention masking, OPT-IML §3.2; metaseq {@code --self-attn-doc-sep}). The mask arrives as
 * an additive bias from {@link ModelInputs}, shared by all layers.
 *
 * <p>Input: {@code [hidden (B, T, d), attentionBias (B, 1, T, T)]}; output: {@code [(B, T, d)]}, with
 * dropout on the output projection (the residual branch).
 */
final class CausalSelfAttention extends ExplicitShapeBlock {
    private final int heads;
    private final int headDim;
    private final float dropout;
    private final Parameter qkvWeight;
    private final Parameter qkvBias;
    private final Parameter outWeight;
    private final Parameter outBias;

    CausalSelfAttention(ModelConfig config, Initializer residualInit) {
        this.heads = config.heads();
        this.headDim = config.headDim();
        this.dropout = (float) config.dropout();
        int d = config.dModel();
        qkvWeight = parameter("qkv_weight", Parameter.Type.WEIGHT, new NormalInitializer(TransformerLm.INIT_STD), 3L * d, d);
        qkvBias = parameter("qkv_bias", Parameter.Type.BIAS, Initializer.ZEROS, 3L * d);
        outWeight = parameter("out_weight", Parameter.Type.WEIGHT, residualInit, d, d);
        outBias = parameter("out_bias", Parameter.Type.BIAS, Initializer.ZEROS, d);
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray bias = inputs.get(1);
        NDArray[] qkv = queriesKeysValues(store, x, training);
        return new NDList(attend(store, qkv[0], qkv[1], qkv[2], bias, training));
    }

    /**
     * Attention of new tokens over the keys and values of earlier tokens (a key/value cache) and their
     * own, for inference: a prompt is run once and its keys and values serve every continuation.
     *
     * @param x          hidden states of the new tokens {@code (B, T, d)}
     * @param bias       additive mask {@code (B, 1, T, P + T)}: the cached positions first, then the new ones
     * @param pastKeys   cached keys {@code (1 or B, H, P, hd)}, or null when nothing is cached
     * @param pastValues cached values, shaped like {@code pastKeys}
     * @return {@code {output (B, T, d), keys (B, H, T, hd), values (B, H, T, hd)}} of the new tokens
     */
    NDArray[] forwardCached(ParameterStore store, NDArray x, NDArray bias, NDArray pastKeys, NDArray pastValues) {
        NDArray[] qkv = queriesKeysValues(store, x, false);
        NDArray keys = qkv[1];
        NDArray values = qkv[2];
        if (pastKeys != null) {
            long batch = x.getShape().get(0);
            NDArray cachedKeys = pastKeys;
            NDArray cachedValues = pastValues;
            if (pastKeys.getShape().get(0) != batch) {
                // One prompt shared by a batch of continuations: a broadcast view, not a copy per row.
                Shape shape = new Shape(batch, heads, pastKeys.getShape().get(2), headDim);
                cachedKeys = pastKeys.broadcast(shape);
                cachedValues = pastValues.broadcast(shape);
            }
            keys = cachedKeys.concat(keys, 2);
            values = cachedValues.concat(values, 2);
        }
        return new NDArray[] {attend(store, qkv[0], keys, values, bias, false), qkv[1], qkv[2]};
    }

    /** Queries, keys and values {@code (B, H, T, hd)} of the input. */
    private NDArray[] queriesKeysValues(ParameterStore store, NDArray x, boolean training) {
        long batch = x.getShape().get(0);
        long time = x.getShape().get(1);
        NDArray qkv = Linear.linear(x,
                        store.getValue(qkvWeight, x.getDevice(), training),
                        store.getValue(qkvBias, x.getDevice(), training))
                .singletonOrThrow()
                .reshape(batch, time, 3, heads, headDim)
                .transpose(2, 0, 3, 1, 4); // (3, B, H, T, hd)
        return new NDArray[] {qkv.get(0), qkv.get(1), qkv.get(2)};
    }

    private NDArray attend(ParameterStore store, NDArray q, NDArray k, NDArray v, NDArray bias, boolean training) {
        long batch = q.getShape().get(0);
        long time = q.getShape().get(2);
        NDArray scores = q.matMul(k.swapAxes(-1, -2)).muli(1.0 / Math.sqrt(headDim)).addi(bias);
        // No dropout on the attention probabilities: OPT trains with attention_dropout 0.0 and dropout
        // 0.1 elsewhere (OPT-IML §3.3), and sampling a mask of B·H·T² elements is a large share of a CPU step.
        NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, time, (long) heads * headDim);
        NDArray out = Linear.linear(context,
                        store.getValue(outWeight, q.getDevice(), training),
                        store.getValue(outBias, q.getDevice(), training))
                .singletonOrThrow();
        return Dropout.dropout(out, dropout, training).singletonOrThrow();
    }
}
