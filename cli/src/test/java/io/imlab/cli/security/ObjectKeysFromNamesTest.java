package io.imlab.cli.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imlab.activities.store.S3Uri;
import io.imlab.cli.run.WorkflowInputs;
import io.imlab.cli.runtime.TinySpecs;
import io.imlab.cookbook.spec.GridCell;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.cookbook.spec.GridExpander;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.cookbook.spec.SpecValidationException;
import io.imlab.workflows.ArtifactLayout;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Object keys built from user-chosen names (experiment, grid and cell names, factor values) never climb out of
 * their prefix: no {@code ..} segment, no absolute key, whatever the spec says.
 */
class ObjectKeysFromNamesTest {

    private static final List<String> HOSTILE = List.of("../../etc/passwd", "/etc/passwd", "..", "a/../../b",
            "C:\\Windows\\x", "./.", "%2e%2e/x", "x\u0000y");

    @Test
    void specNamesThatWouldBeUnsafeInKeysAreRefused() {
        for (String name : HOSTILE) {
            String spec = TinySpecs.experiment("placeholder").replace("name: placeholder", "name: '"
                    + name.replace("'", "''").replace("\u0000", "\\0") + "'");
            assertThatThrownBy(() -> SpecLoader.parse(spec, "hostile.yaml")).as(name)
                    .isInstanceOf(SpecValidationException.class).hasMessageContaining("name");
        }
    }

    @Test
    void cellNamesFromHostileFactorValuesAreSingleSafeSegments() {
        for (String value : HOSTILE) {
            Map<String, Object> factors = new LinkedHashMap<>();
            factors.put("bench.taxonomy", value);
            factors.put("recipe.cotShare", 0.04);
            String cell = GridExpander.cellName(factors);
            assertThat(cell).as(value).doesNotContain("/").doesNotContain("\\").isNotEqualTo("..");
            assertSafeRunKeys("grid-0123456789/" + cell);
        }
    }

    @Test
    void everyKeyOfARealGridStaysUnderItsPrefix() {
        GridDocument grid = (GridDocument) SpecLoader.parse(TinySpecs.grid("keys"), "keys.yaml");
        String gridId = WorkflowInputs.gridId(grid);
        assertThat(S3Uri.parse(ArtifactLayout.gridReportPrefix("imlab", gridId)).key()).startsWith("grids/" + gridId);
        for (GridCell cell : grid.cells()) {
            assertSafeRunKeys(gridId + "/" + cell.name());
        }
    }

    @Test
    void sanitizedSegmentsOfHostileNamesAreSafe() {
        for (String name : HOSTILE) {
            String segment;
            try {
                segment = S3Uri.sanitizeSegment(name);
            } catch (IllegalArgumentException nothingUsable) {
                continue; // ".." and friends: refused outright
            }
            assertThat(segment).as(name).doesNotContain("/").isNotIn("..", ".").doesNotStartWith(".");
            assertThat(S3Uri.bucketRoot("imlab").resolve("runs", segment).key()).startsWith("runs/");
        }
        // A traversal or absolute path given as a key segment is refused, never normalized away.
        assertThatThrownBy(() -> S3Uri.bucketRoot("imlab").resolve("runs", "..", "x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Uri.parse("s3://imlab//etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> S3Uri.parse("s3://imlab/runs/../../x")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSafeRunKeys(String runId) {
        for (String prefix : List.of(ArtifactLayout.runPrefix("imlab", runId),
                ArtifactLayout.checkpointPrefix("imlab", runId), ArtifactLayout.evalPrefix("imlab", runId),
                ArtifactLayout.reportPrefix("imlab", runId))) {
            String key = S3Uri.parse(prefix).key();
            assertThat(key).as(prefix).startsWith("runs/").doesNotStartWith("/");
            assertThat(Arrays.asList(key.split("/"))).as(prefix).doesNotContain("..", ".");
        }
    }
}
