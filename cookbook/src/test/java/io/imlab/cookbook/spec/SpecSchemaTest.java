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
        Map<String, Class<? extends Record>> recipeSections = Map.of(
                "subset", TaskSubsetSpec.class, "metaIcl", MetaIclSpec.class, "tokenizer", TokenizerSpec.class);
        recipeSections.forEach((section, type) -> assertThat(SpecSchema.EXPERIMENT.children().get("recipe").children()
                .get(section).children().keySet())
                .as("recipe." + section)
                .containsExactlyElementsOf(componentNames(type)));
    }

    @Test
    void benchCollectionsMirrorTheirRecords() {
        SpecField collections = SpecSchema.EXPERIMENT.children().get("bench").children().get("collections");
        assertThat(collections.children().keySet()).containsExactlyElementsOf(componentNames(BenchCollectionsSpec.class));
        assertThat(collections.children().get("supernatural").children().keySet())
                .containsExactlyElementsOf(componentNames(SuperNaturalInstructionsSpec.class));
        assertThat(collections.children().get("promptsource").children().keySet())
                .containsExactlyElementsOf(componentNames(PromptSourceSpec.class));
        assertThat(collections.children().get("pools").children().keySet())
                .containsExactlyElementsOf(componentNames(TextPoolsSpec.class));
    }

    @Test
    void everyLeafPathIsAValidFactorPath() {
        assertThat(SpecTree.leafPaths()).hasSize(72).allSatisfy(path -> {
            if (!path.equals("name")) {
                assertThat(SpecTree.factorPathProblem(path)).as(path).isEmpty();
            }
        });
    }

    private static java.util.List<String> componentNames(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
    }
}
