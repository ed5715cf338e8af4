package io.imlab.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.imlab.workflows.metrics.MetricsReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@code docs/metrics.md} must be exactly what the catalogue renders; {@code -Dimlab.regenerate=true} rewrites it. */
class MetricsReferenceDriftTest {

    @Test
    void committedReferenceMatchesTheCatalogue() throws IOException {
        Path doc = Path.of(System.getProperty("imlab.repo.root", "..")).resolve("docs/metrics.md");
        if (Boolean.getBoolean("imlab.regenerate")) {
            MetricsReferenceGenerator.write(doc);
        }
        String committed = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .withFailMessage("%s differs from MetricCatalogue; regenerate it with:%n  %s", doc,
                        MetricsReference.REGENERATE_COMMAND)
                .isEqualTo(MetricsReference.markdown());
    }
}
