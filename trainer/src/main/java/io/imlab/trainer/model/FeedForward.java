package io.imlab.trainer.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.imlab.trainer.ModelConfig;

/** Position-wise GELU MLP, d → ffnDim → d, with dropout on its output (the residual branch). */
final class FeedForward extends ExplicitShapeBlock {
    private final float dropout;
    private final Parameter upWeight;
    private final Parameter upBias;
    private final Parameter downWeight;
    private final Parameter downBias;

    FeedForward(ModelConfig config, Initializer residualInit) {
        this.dropout = (float) config.dropout();
        upWeight = parameter("up_weight", Parameter.Type.WEIGHT, new NormalInitializer(TransformerLm.INIT_STD),
                config.ffnDim(), config.dModel());
        upBias = parameter("up_bias", Parameter.Type.BIAS, Initializer.ZEROS, config.ffnDim());
        downWeight = parameter("down_weight", Parameter.Type.WEIGHT, residualInit, config.dModel(), config.ffnDim());
        downBias = parameter("down_bias", Parameter.Type.BIAS, Initializer.ZEROS, config.dModel());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore store, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        NDArray hidden = Activation.gelu(Linear.linear(x,
                        store.getValue(upWeight, x.getDevice(), training),
                        store.getValue(upBias, x.getDevice(), training))
                .singletonOrThrow());
        NDArray out = Linear.linear(hidden,
                        store.getValue(downWeight, x.getDevice(), training),
                        store.getValue(downBias, x.getDevice(), training))
                .singletonOrThrow();
        return Dropout.dropout(out, dropout, training);
    }
}
