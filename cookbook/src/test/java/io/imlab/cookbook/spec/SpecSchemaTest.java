package io.imlab.cookbook.spec;

import org.junit.jupiter.api.Test;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The hand-kept YAML schema must name exactly the records' fields, in the records' order. */
class SpecSchemaTest {

    @Test
    void schemaMirrorsTheSpecRecords() {
        assertThat(SpecSchema.EXPERIMENT.children().keySet()).containsExactlyElementsOf(componentNames(ExperimentSpec.class));
        Map<String, Class<? extends Record>> sections = Map.of(
                "bench", BenchSpec.class, "splits", SplitSpec.class, "recipe", RecipeSpec.class,
                "model", ModelSpec.class, "training", TrainingSpec.class, "evaluation", EvalSpec.class);
        sections.forEach((section, type) -> assertThat(SpecSchema.EXPERIMENT.children().get(section).children().keySet())
                .as(section)
                .containsExactlyElementsOf(componentNames(type)));
    }

    @Test
    void everyLeafPathIsAValidFactorPath() {
        assertThat(SpecTree.leafPaths()).hasSize(42).allSatisfy(path -> {
            if (!path.equals("name")) {
                assertThat(SpecTree.factorPathProblem(path)).as(path).isEmpty();
            }
        });
    }

    private static java.util.List<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
