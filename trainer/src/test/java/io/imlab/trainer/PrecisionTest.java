package io.imlab.trainer;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PrecisionTest {

    @Test
    void fp32IsTheDefaultAndRunsAnywhere() {
        assertThat(Precision.resolve(null, Device.cpu())).isEqualTo(Precision.FP32);
        assertThat(Precision.resolve(" ", Device.cpu())).isEqualTo(Precision.FP32);
        assertThat(Precision.resolve("FP32", Device.gpu(0))).isEqualTo(Precision.FP32);
    }

    @Test
    void reducedPrecisionOnTheCpuIsAConfigurationError() {
        assertThatThrownBy(() -> Precision.resolve("fp16", Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IMLAB_PRECISION: fp16 needs a GPU")
                .hasMessageContaining("no fp16 training kernels for the CPU");
        assertThatThrownBy(() -> Precision.resolve("bf16", Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IMLAB_PRECISION: bf16 needs a GPU");
    }

    @Test
    void reducedPrecisionOnAGpuSaysItIsNotImplemented() {
        assertThatThrownBy(() -> Precision.resolve("bf16", Device.gpu(0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bf16 mixed precision is not implemented");
    }

    @Test
    void unknownValuesListTheAcceptedOnes() {
        assertThatThrownBy(() -> Precision.resolve("fp8", Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IMLAB_PRECISION: expected one of fp32, bf16, fp16, was 'fp8'");
    }
}
