package io.imlab.operators.crd;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code docs/crd-reference.md} is rendered from the CRD classes; {@code -Dimlab.regenerate=true} rewrites it. */
class CrdReferenceDriftTest {

    @Test
    void committedReferenceIsTheRenderedOne() throws IOException {
        String fresh = CrdReference.render(GeneratedCrds.generate());
        Path doc = GeneratedCrds.repoRoot().resolve("docs/crd-reference.md");
        if (GeneratedCrds.regenerate()) {
            Files.writeString(doc, fresh, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        assertThat(committed)
                .withFailMessage("%s differs from the reference rendered from the CRD classes; regenerate it with:%n  %s",
                        doc, GeneratedCrds.REGENERATE_COMMAND)
                .isEqualTo(fresh);
        assertThat(fresh).contains("## AblationGrid", "## Experiment", "`spec.grid.factors`", "`status.conditions[].reason`");
    }
}
