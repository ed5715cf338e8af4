package io.imlab.trainer;

import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Why {@link Precision} refuses mixed precision: DJL 0.36's {@code NDArray.toType} is not differentiable
 * (the PyTorch JNI casts under {@code torch::NoGradGuard}), so fp32 master weights cast to a compute type in
 * the forward pass would get no gradient. The other blocker, that a cast to {@code DataType.BFLOAT16} aborts
 * the JVM, cannot be shown in-process (see trainer/README.md for the probe). When this test fails after a DJL
 * upgrade, casts carry gradients and a casting {@code ParameterStore} becomes possible: revisit {@link Precision}.
 */
class DjlCastLimitsIT {

    @Test
    void aCastCutsTheAutogradGraph() {
        Engine engine = TorchEngine.get();
        try (NDManager manager = engine.newBaseManager()) {
            NDArray weight = manager.create(new float[] {1.5f, -2.25f, 3f});
            weight.setRequiresGradient(true);
            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray same = weight.toType(DataType.FLOAT32, false); // no cast: the array itself
                collector.backward(same.mul(same).sum());
            }
            assertThat(weight.getGradient().toFloatArray()).containsExactly(3f, -4.5f, 6f);

            try (GradientCollector collector = engine.newGradientCollector()) {
                NDArray half = weight.toType(DataType.FLOAT16, false);
                assertThat(half.getDataType()).isEqualTo(DataType.FLOAT16);
                NDArray loss = half.mul(half).toType(DataType.FLOAT32, false).sum();
                assertThatThrownBy(() -> collector.backward(loss))
                        .isInstanceOf(EngineException.class)
                        .hasMessageContaining("does not require grad");
            }
        }
    }
}
