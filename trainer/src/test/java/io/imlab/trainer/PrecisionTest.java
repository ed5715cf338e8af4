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
    void fp16IsRefusedEverywhereBecauseLossScalingIsNotImplemented() {
        for (Device device : new Device[] {Device.cpu(), Device.gpu(0)}) {
            assertThatThrownBy(() -> Precision.resolve("fp16", device))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("IMLAB_PRECISION: fp16 needs dynamic loss scaling, which is not implemented")
                    .hasMessageContaining("use fp32 on " + device);
        }
    }

    @Test
    void bf16IsRefusedEverywhereBecauseTheEngineCannotComputeInIt() {
        for (Device device : new Device[] {Device.cpu(), Device.gpu(0)}) {
            assertThatThrownBy(() -> Precision.resolve(" BF16 ", device))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("IMLAB_PRECISION: bf16 is not supported by DJL 0.36's PyTorch engine")
                    .hasMessageContaining("use fp32 on " + device);
        }
    }

    @Test
    void unknownValuesListTheAcceptedOnes() {
        assertThatThrownBy(() -> Precision.resolve("fp8", Device.cpu()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("IMLAB_PRECISION: expected one of fp32, bf16, fp16, was 'fp8'");
    }

    @Test
    void specNamesRoundTripAndAMissingNameIsFp32() {
        for (Precision precision : Precision.values()) {
            assertThat(Precision.parse(precision.specName())).isEqualTo(precision);
        }
        assertThat(Precision.parse(null)).isEqualTo(Precision.FP32);
    }
}
