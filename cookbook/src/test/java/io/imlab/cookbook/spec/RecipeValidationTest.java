package io.imlab.cookbook.spec;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bad recipes are rejected with every problem and its field path, before anything runs. */
class RecipeValidationTest {

    private static List<String> problems(String yaml) {
        try {
            SpecLoader.parse(yaml, "bad.yaml");
        } catch (SpecValidationException e) {
            return e.problems().stream().map(SpecProblem::toString).toList();
        }
        throw new AssertionError("expected a validation failure");
    }

    @Test
    void reportsEveryRecipeProblemWithItsPath() {
        List<String> problems = problems("""
                recipe:
                  collectionShares: {flan: 1.5, nosuch: 0.1}
                  collectionCaps: {flan: 0, imaginary: 10}
                  taskCap: -1
                  temperature: 0
                  tokens: -5
                  subset: {tasks: -1, categories: 1, alwaysCategories: [QA, QA]}
                  metaIcl: {maxShots: -2, zipfA: 0, lossOnDemonstrations: true}
                  tokenizer: {kind: gpt2, file: tokenizer.json}
                """);
        assertThat(problems).contains(
                "recipe.taskCap: must be positive, got -1",
                "recipe.collectionShares.flan: must be between 0 and 1, got 1.5",
                "recipe.collectionCaps.flan: must be positive, got 0",
                "recipe.temperature: must be a positive number, got 0.0",
                "recipe.tokens: must be 0 (use recipe.sequences) or a positive token budget, got -5",
                "recipe.subset.tasks: must be 0 or more, got -1",
                "recipe.subset.alwaysCategories[1]: \"QA\" is listed twice",
                "recipe.subset.alwaysCategories: 2 categories always included, more than recipe.subset.categories (1)",
                "recipe.metaIcl.maxShots: must be 0 or more, got -2",
                "recipe.metaIcl.zipfA: must be a positive number, got 0.0",
                "recipe.tokenizer.vocab: is required for tokenizer kind gpt2: the path of gpt2-vocab.json",
                "recipe.tokenizer.merges: is required for tokenizer kind gpt2: the path of gpt2-merges.txt",
                "recipe.tokenizer.file: is not used by tokenizer kind gpt2; remove it");
        assertThat(problems).anyMatch(p -> p.startsWith("recipe.collectionShares.nosuch: unknown collection"));
        assertThat(problems).anyMatch(p -> p.startsWith("recipe.collectionCaps.imaginary: unknown collection"));
    }

    @Test
    void reportsWrongTypesInTheNewSections() {
        List<String> problems = problems("""
                recipe:
                  equalCategories: "yes"
                  collectionCaps: {flan: 1.5}
                  metaIcl: {maxShots: many, lossOnDemonstration: true}
                  tokenizer: {kind: sentencepiece}
                """);
        assertThat(problems).contains(
                "recipe.equalCategories: expected true or false, got \"yes\"",
                "recipe.collectionCaps.flan: expected an integer, got 1.5",
                "recipe.metaIcl.maxShots: expected an integer, got \"many\"",
                "recipe.tokenizer.kind: must be one of byte, gpt2, huggingface, got \"sentencepiece\"");
        assertThat(problems).anyMatch(p -> p.startsWith("recipe.metaIcl.lossOnDemonstration: unknown field (did you mean lossOnDemonstrations?)"));
    }

    @Test
    void newFieldsCanBeGridFactors() {
        GridDocument grid = (GridDocument) SpecLoader.parse("""
                grid:
                  factors:
                    recipe.metaIcl.maxShots: [0, 5]
                    recipe.collectionCaps.flan: [100, 1000]
                """, "grid.yaml");
        assertThat(grid.cells()).hasSize(4);
        assertThat(grid.cells().get(3).spec().recipe().metaIcl().maxShots()).isEqualTo(5);
        assertThat(grid.cells().get(3).spec().recipe().collectionCaps()).containsEntry("flan", 1000);
        assertThatThrownBy(() -> SpecLoader.parse("""
                grid:
                  factors:
                    recipe.collectionCaps.nosuch: [1]
                """, "grid.yaml")).hasMessageContaining("grid.factors.recipe.collectionCaps.nosuch");
    }

    @Test
    void aTokenBudgetReplacesTheSequenceCount() {
        ExperimentSpec spec = ((ExperimentDocument) SpecLoader.parse("""
                recipe:
                  sequenceLength: 512
                  tokens: 1000000
                """, "budget.yaml")).experiment();
        assertThat(spec.recipe().sequenceCount()).isEqualTo(1954);
    }
}
