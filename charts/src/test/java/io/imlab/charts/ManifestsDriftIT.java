package io.imlab.charts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code manifests/imlab.yaml} is the chart rendered with its default values (release and namespace {@code imlab}),
 * never edited by hand. {@code -Dimlab.regenerate=true} rewrites it.
 */
class ManifestsDriftIT {

    static final String REGENERATE_COMMAND = "./mvnw -o -q -pl charts -am test -Dtest=ManifestsDriftIT "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dimlab.regenerate=true";

    static final String HEADER = "# GENERATED from charts/imlab with default values (helm template "
            + RenderedChart.RELEASE + " charts/imlab --namespace " + RenderedChart.NAMESPACE + "): do not edit.\n"
            + "# Regenerate with: " + REGENERATE_COMMAND + "\n"
            + "# Apply into an existing namespace 'imlab' that holds the S3 credentials Secret 'imlab-s3'.\n";

    @Test
    void committedManifestIsTheRenderedChart() throws IOException {
        String fresh = HEADER + RenderedChart.render(Map.of()).yaml();
        Path manifest = RepoFiles.manifest();
        if (RepoFiles.regenerate()) {
            Files.createDirectories(manifest.getParent());
            Files.writeString(manifest, fresh, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(manifest) ? Files.readString(manifest, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .withFailMessage("%s differs from the rendered chart; regenerate it with:%n  %s", manifest,
                        REGENERATE_COMMAND)
                .isEqualTo(fresh);
        assertThat(RenderedChart.parse(committed)).isNotEmpty();
    }
}
