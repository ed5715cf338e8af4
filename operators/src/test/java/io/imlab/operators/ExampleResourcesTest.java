package io.imlab.operators;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.GridCell;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.operators.crd.AblationGrid;
import io.imlab.operators.crd.AblationGridSpec;
import io.imlab.operators.crd.Experiment;
import io.imlab.operators.crd.ExperimentResourceSpec;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example resources in {@code manifests/examples/} fit the generated CRD schemas, bind to the CRD classes
 * without unknown fields, and pass the spec loader's rules; the quickstart grid resource means exactly what
 * {@code examples/quickstart.yaml} means.
 */
class ExampleResourcesTest {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
    private static final Path ROOT = Path.of(System.getProperty("imlab.repo.root", "..")).toAbsolutePath().normalize();

    @Test
    void quickstartGridFitsTheSchemaAndIsTheQuickstartSpec() throws IOException {
        JsonNode resource = read("manifests/examples/quickstart-grid.yaml");
        assertThat(resource.path("apiVersion").asText()).isEqualTo("imlab.io/v1alpha1");
        assertThat(resource.path("kind").asText()).isEqualTo("AblationGrid");
        assertThat(CrdSchemaCheck.check(resource.get("spec"), specSchema("ablationgrids"))).isEmpty();

        AblationGrid grid = YAML.treeToValue(resource, AblationGrid.class);
        SpecCheck<GridDocument> check = ResourceSpecs.grid(withUid(grid));
        assertThat(check.problems()).isEmpty();
        GridDocument file = SpecLoader.loadGrid(ROOT.resolve("examples/quickstart.yaml"));
        assertThat(check.document().grid()).isEqualTo(file.grid());
        assertThat(check.document().cells()).extracting(GridCell::name)
                .containsExactly("cotShare=0", "cotShare=0.01", "cotShare=0.04");
    }

    @Test
    void baselineExperimentFitsTheSchemaAndIsValid() throws IOException {
        JsonNode resource = read("manifests/examples/baseline-experiment.yaml");
        assertThat(resource.path("kind").asText()).isEqualTo("Experiment");
        assertThat(CrdSchemaCheck.check(resource.get("spec"), specSchema("experiments"))).isEmpty();

        Experiment experiment = YAML.treeToValue(resource, Experiment.class);
        SpecCheck<ExperimentDocument> check = ResourceSpecs.experiment(withUid(experiment));
        assertThat(check.problems()).isEmpty();
        assertThat(check.document().experiment().name()).isEqualTo("baseline");
        assertThat(check.document().experiment().training().steps()).isEqualTo(300);
    }

    @Test
    void theSchemaCheckRejectsWhatTheApiServerWould() throws IOException {
        ObjectNode spec = (ObjectNode) read("manifests/examples/quickstart-grid.yaml").get("spec");
        ((ObjectNode) spec.get("recipe")).put("cotShare", 2.0);
        ((ObjectNode) spec.get("training")).put("steps", "ten");
        ((ObjectNode) spec.get("model")).put("preset", "huge");
        spec.putObject("traning");
        spec.remove("grid");

        assertThat(CrdSchemaCheck.check(spec, specSchema("ablationgrids"))).containsExactlyInAnyOrder(
                "grid: required",
                "recipe.cotShare: must be at most 1.0, got 2.0",
                "training.steps: expected an integer, got \"ten\"",
                "model.preset: \"huge\" does not match ^(tiny|small|base)$",
                "traning: unknown field");
    }

    private static JsonNode read(String path) throws IOException {
        return YAML.readTree(Files.readString(ROOT.resolve(path)));
    }

    /** {@code spec} of the committed CRD's only version. */
    private static JsonNode specSchema(String plural) throws IOException {
        JsonNode crd = read("charts/imlab/crds/" + plural + ".imlab.io.yaml");
        return crd.path("spec").path("versions").get(0).path("schema").path("openAPIV3Schema").path("properties").path("spec");
    }

    private static <R extends HasMetadata> R withUid(R resource) {
        resource.setMetadata(new ObjectMetaBuilder(resource.getMetadata()).withUid("uid-1").build());
        return resource;
    }
}
