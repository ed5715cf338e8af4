package io.imlab.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
        long batch = x.getShape().get(0);
        long time = x.getShape().get(1);
        NDArray qkv = Linear.linear(x,
                        store.getValue(qkvWeight, x.getDevice(), training),
                        store.getValue(qkvBias, x.getDevice(), training))
                .singletonOrThrow()
                .reshape(batch, time, 3, heads, headDim)
                .transpose(2, 0, 3, 1, 4); // (3, B, H, T, hd)
        NDArray q = qkv.get(0);
        NDArray k = qkv.get(1);
        NDArray v = qkv.get(2);
        NDArray scores = q.matMul(k.swapAxes(-1, -2)).muli(1.0 / Math.sqrt(headDim)).addi(bias);
        // No dropout on the attention probabilities: OPT trains with attention_dropout 0.0 and dropout
        // 0.1 elsewhere (OPT-IML §3.3), and sampling a mask of B·H·T² elements is a large share of a CPU step.
        NDArray context = scores.softmax(-1).matMul(v).transpose(0, 2, 1, 3).reshape(batch, time, (long) heads * headDim);
        NDArray out = Linear.linear(context,
                        store.getValue(outWeight, x.getDevice(), training),
                        store.getValue(outBias, x.getDevice(), training))
                .singletonOrThrow();
        return Dropout.dropout(out, dropout, training);
    }
}
