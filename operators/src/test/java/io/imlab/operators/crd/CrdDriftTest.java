package io.imlab.operators.crd;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code charts/imlab/crds/*.yaml} are generated from the CRD classes and never edited by hand: this test fails
 * when a committed file differs from a fresh generation, and {@code -Dimlab.regenerate=true} rewrites them.
 */
class CrdDriftTest {

    @Test
    void committedCrdsAreTheGeneratedOnes() throws IOException {
        Map<String, String> fresh = GeneratedCrds.generate();
        Path dir = GeneratedCrds.chartCrdsDir();
        if (GeneratedCrds.regenerate()) {
            Files.createDirectories(dir);
            for (Map.Entry<String, String> file : fresh.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
        }
        for (Map.Entry<String, String> file : fresh.entrySet()) {
            Path committed = dir.resolve(file.getKey());
            String text = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "";
            assertThat(text)
                    .withFailMessage("%s differs from the CRD generated from the Java classes; regenerate it with:%n  %s",
                            committed, GeneratedCrds.REGENERATE_COMMAND)
                    .isEqualTo(file.getValue());
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted().toList())
                    .as("only generated CRDs live in %s", dir)
                    .containsExactlyElementsOf(fresh.keySet());
        }
    }
}
