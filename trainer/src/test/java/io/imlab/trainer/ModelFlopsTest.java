package io.imlab.trainer;

import ai.djl.nn.Parameter;
import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.trainer.model.TransformerLm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ModelFlopsTest {

    @Test
    void nonEmbeddingParametersAreTheModelsParametersLessBothEmbeddings() {
        ModelConfig config = ModelConfig.of(new ModelSpec("small", 0, 0, 0, 0.1), 260, 256);
        TransformerLm model = new TransformerLm(config);
        long embeddings = model.getParameters().values().stream()
                .filter(p -> p.getName().endsWith("_embedding"))
                .map(Parameter::getShape)
                .mapToLong(s -> s.size())
                .sum();
        ModelFlops flops = ModelFlops.of(config);

        assertThat(embeddings).isEqualTo((260L + 256L) * 256L);
        assertThat(flops.nonEmbeddingParameters()).isEqualTo(model.parameterCount() - embeddings);
    }

    @Test
    void perTokenIsSixNPlusTwelveLdT() {
        // small: L=4, d=256, f=1024, V=260, T=256.
        ModelConfig config = ModelConfig.of(new ModelSpec("small", 0, 0, 0, 0.1), 260, 256);
        long perLayer = 3 * 256 * 256 + 3 * 256 + 256 * 256 + 256 + 2 * 256 * 1024 + 1024 + 256 + 4 * 256;
        long n = 4 * perLayer + 2 * 256 + 260 * 256 + 260;

        ModelFlops flops = ModelFlops.of(config);

        assertThat(flops.nonEmbeddingParameters()).isEqualTo(n);
        assertThat(flops.attentionPerToken()).isEqualTo(12L * 4 * 256 * 256);
        assertThat(flops.perToken()).isEqualTo(6 * n + 12L * 4 * 256 * 256);
    }
}
