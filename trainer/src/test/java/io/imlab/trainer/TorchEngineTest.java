package io.imlab.trainer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TorchEngineTest {
    @Test
    void twoThreadsOnlyWhenOpenMpWaitsPassively() {
        assertThat(TorchEngine.defaultThreads(null, "PASSIVE")).isEqualTo(2);
        assertThat(TorchEngine.defaultThreads(null, "passive")).isEqualTo(2);
        assertThat(TorchEngine.defaultThreads(null, null)).isEqualTo(1);
        assertThat(TorchEngine.defaultThreads(null, "ACTIVE")).isEqualTo(1);
    }

    @Test
    void anExplicitCountWins() {
        assertThat(TorchEngine.defaultThreads("3", null)).isEqualTo(3);
        assertThatThrownBy(() -> TorchEngine.defaultThreads("zero", null)).hasMessageContaining("IMLAB_TORCH_THREADS");
        assertThatThrownBy(() -> TorchEngine.defaultThreads("0", null)).hasMessageContaining("IMLAB_TORCH_THREADS");
    }
}
