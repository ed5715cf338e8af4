package io.imlab.trainer;

import io.imlab.cookbook.pack.PackedDatasetInfo;
import io.imlab.cookbook.spec.ModelSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {
    private static final PackedDatasetInfo BYTES = new PackedDatasetInfo("imlab-packed-v1", 256, 100, 260, 2, 1, "byte-v1");

    @Test
    void presetsFillDimensionsAndTheDataFillsVocabularyAndContext() {
        assertThat(ModelConfig.of(new ModelSpec("tiny", 0, 0, 0, 0.1), BYTES))
                .isEqualTo(new ModelConfig(2, 128, 4, 512, 260, 256, 0.1));
        assertThat(ModelConfig.of(new ModelSpec("small", 0, 0, 0, 0.1), BYTES))
                .isEqualTo(new ModelConfig(4, 256, 4, 1024, 260, 256, 0.1));
        assertThat(ModelConfig.of(new ModelSpec("base", 0, 0, 0, 0.0), BYTES))
                .isEqualTo(new ModelConfig(6, 384, 6, 1536, 260, 256, 0.0));
        assertThat(ModelConfig.of(new ModelSpec(null, 0, 0, 0, 0.1), BYTES).dModel()).isEqualTo(128);
    }

    @Test
    void explicitDimensionsOverrideThePreset() {
        ModelConfig config = ModelConfig.of(new ModelSpec("small", 3, 96, 6, 0.2), BYTES);
        assertThat(config).isEqualTo(new ModelConfig(3, 96, 6, 384, 260, 256, 0.2));
        assertThat(config.headDim()).isEqualTo(16);
    }

    @Test
    void everyProblemIsReportedWithItsFieldPath() {
        assertThatThrownBy(() -> ModelConfig.of(new ModelSpec("huge", -1, 100, 3, 1.5), BYTES))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model.preset: unknown model preset 'huge', expected one of tiny, small, base")
                .hasMessageContaining("model.layers: must be ≥ 1, was -1")
                .hasMessageContaining("model.heads: 3 does not divide model.dModel 100")
                .hasMessageContaining("model.dropout: must be in [0, 1), was 1.5");
        assertThatThrownBy(() -> ModelConfig.of(new ModelSpec("tiny", 0, 0, 0, 0.1), 1, 1))
                .hasMessageContaining("data.vocabSize").hasMessageContaining("data.sequenceLength");
    }
}
