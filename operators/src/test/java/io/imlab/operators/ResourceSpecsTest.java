package io.imlab.operators;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.operators.crd.AblationGrid;
import io.imlab.operators.crd.AblationGridSpec;
import io.imlab.operators.crd.Experiment;
import io.imlab.operators.crd.ExperimentResourceSpec;
import io.imlab.operators.crd.RecipeSection;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ResourceSpecsTest {
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    @Test
    void theCrdSpecMirrorsEveryFieldOfTheSpecRecords() throws Exception {
        // A spec that differs from the defaults in every section, rendered by the records themselves: binding it to
        // the CRD class fails on any field the mirror lacks, and loading it back must give the same spec.
        ExperimentSpec defaults = ExperimentSpec.defaults("mirror");
        RecipeSpec recipe = new RecipeSpec(3, 100, Map.of("flan", 0.2), 0.04, 0.0, 0.1, 128, 50);
        ExperimentSpec spec = new ExperimentSpec("mirror", defaults.bench(), defaults.splits(), recipe,
                defaults.model(), defaults.training(), defaults.evaluation());
        ExperimentResourceSpec mirrored = JSON.readValue(JSON.writeValueAsString(spec), ExperimentResourceSpec.class);

        SpecCheck<ExperimentDocument> check = ResourceSpecs.experiment(experiment("res", mirrored));

        assertThat(check.problems()).isEmpty();
        assertThat(check.document().experiment()).isEqualTo(spec);
    }

    @Test
    void anEmptySpecTakesEveryDefaultAndTheResourceName() {
        SpecCheck<ExperimentDocument> check = ResourceSpecs.experiment(experiment("defaults-only", new ExperimentResourceSpec()));

        assertThat(check.document().experiment()).isEqualTo(ExperimentSpec.defaults("defaults-only"));
    }

    @Test
    void spellingOutADefaultDoesNotChangeTheHashButChangingAValueDoes() {
        RecipeSection explicitDefault = new RecipeSection();
        explicitDefault.setCotShare(RecipeSpec.defaults().cotShare());
        ExperimentResourceSpec withDefault = new ExperimentResourceSpec();
        withDefault.setRecipe(explicitDefault);
        RecipeSection changed = new RecipeSection();
        changed.setCotShare(0.04);
        ExperimentResourceSpec withChange = new ExperimentResourceSpec();
        withChange.setRecipe(changed);

        String plain = ResourceSpecs.experiment(experiment("h", new ExperimentResourceSpec())).hash();
        assertThat(ResourceSpecs.experiment(experiment("h", withDefault)).hash()).isEqualTo(plain);
        assertThat(ResourceSpecs.experiment(experiment("h", withChange)).hash()).isNotEqualTo(plain);
    }

    @Test
    void aGridWithoutFactorsAndWithBadLevelsReportsEveryProblemBelowSpec() {
        AblationGridSpec spec = new AblationGridSpec();
        RecipeSection recipe = new RecipeSection();
        recipe.setTaskCap(0);
        spec.setRecipe(recipe);

        SpecCheck<GridDocument> check = ResourceSpecs.grid(grid("no-factors", spec));

        assertThat(check.valid()).isFalse();
        assertThat(check.describeProblems()).contains("spec.recipe.taskCap: must be positive, got 0",
                "spec.grid: is required");
    }

    private static Experiment experiment(String name, ExperimentResourceSpec spec) {
        Experiment experiment = new Experiment();
        experiment.setMetadata(new ObjectMetaBuilder().withName(name).withUid("uid-" + name).build());
        experiment.setSpec(spec);
        return experiment;
    }

    private static AblationGrid grid(String name, AblationGridSpec spec) {
        AblationGrid grid = new AblationGrid();
        grid.setMetadata(new ObjectMetaBuilder().withName(name).withUid("uid-" + name).build());
        grid.setSpec(spec);
        return grid;
    }

}
