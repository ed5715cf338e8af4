package io.imlab.cookbook.spec;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GridExpanderTest {
    private static final ExperimentSpec BASE = ExperimentSpec.defaults("ablation");

    @Test
    void expandsFullFactoriallyWithTheFirstFactorVaryingSlowest() {
        GridSpec grid = grid(Map.entry("recipe.cotShare", List.of(0, 0.01)),
                Map.entry("training.steps", List.of(100, 200, 300)));

        List<GridCell> cells = GridExpander.expand(grid);

        assertThat(cells).extracting(GridCell::name).containsExactly(
                "cotShare=0,steps=100", "cotShare=0,steps=200", "cotShare=0,steps=300",
                "cotShare=0.01,steps=100", "cotShare=0.01,steps=200", "cotShare=0.01,steps=300");
        GridCell last = cells.get(5);
        assertThat(last.factorValues()).containsExactly(Map.entry("recipe.cotShare", 0.01), Map.entry("training.steps", 300));
        assertThat(last.spec().recipe().cotShare()).isEqualTo(0.01);
        assertThat(last.spec().training().steps()).isEqualTo(300);
        assertThat(last.spec().name()).isEqualTo("ablation-cotShare=0.01,steps=300");
    }

    @Test
    void changesOnlyTheFactorFields() {
        GridCell cell = GridExpander.expand(grid(Map.entry("model.dropout", List.of(0.1)))).get(0);

        ExperimentSpec expected = new ExperimentSpec("ablation-dropout=0.1", BASE.bench(), BASE.splits(), BASE.recipe(),
                new ModelSpec("tiny", 0, 0, 0, 0.1), BASE.training(), BASE.evaluation());
        assertThat(cell.spec()).isEqualTo(expected);
    }

    @Test
    void setsOneCollectionShareKeepingTheOthers() {
        ExperimentSpec base = new ExperimentSpec("mix", BASE.bench(), BASE.splits(),
                new RecipeSpec(7, 4096, Map.of("supernatural", 0.25), 0.01, 0, 0.05, 256, 4000),
                BASE.model(), BASE.training(), BASE.evaluation());
        GridSpec grid = new GridSpec(base, Map.of("recipe.collectionShares.flan", List.of(0.05, 0.2)), 1);

        List<GridCell> cells = GridExpander.expand(grid);

        assertThat(cells).extracting(GridCell::name).containsExactly("flan=0.05", "flan=0.2");
        assertThat(cells.get(1).spec().recipe().collectionShares()).isEqualTo(Map.of("supernatural", 0.25, "flan", 0.2));
    }

    @Test
    void labelsFactorsByFullPathWhenLastSegmentsClash() {
        GridSpec grid = grid(Map.entry("recipe.seed", List.of(1)), Map.entry("training.seed", List.of(2)),
                Map.entry("evaluation.shots", List.of(0)));

        assertThat(GridExpander.expand(grid)).extracting(GridCell::name)
                .containsExactly("recipe.seed=1,training.seed=2,shots=0");
    }

    @Test
    void sanitizesNamesForObjectKeys() {
        assertThat(GridExpander.cellName(Map.of("bench.source", "my bench/v2?"))).isEqualTo("source=my_bench_v2_");
        assertThat(GridExpander.cellName(Map.of("splits.heldOutCategories", List.of("qa", "nli"))))
                .isEqualTo("heldOutCategories=qa_nli");
        assertThat(GridExpander.cellName(Map.of("training.learningRate", 1e-4))).isEqualTo("learningRate=0.0001");
        assertThat(GridExpander.cellName(Map.of("recipe.cotShare", 0.040))).isEqualTo("cotShare=0.04");
    }

    @Test
    void acceptsListLevelsForListFields() {
        GridSpec grid = grid(Map.entry("splits.heldOutCategories", List.of(List.of("qa"), List.of("qa", "nli"))));

        List<GridCell> cells = GridExpander.expand(grid);

        assertThat(cells.get(1).spec().splits().heldOutCategories()).containsExactly("qa", "nli");
    }

    @Test
    void rejectsUnknownPathsDuplicateLevelsAndEmptyFactors() {
        SpecValidationException error = catchThrowableOfType(SpecValidationException.class, () -> GridExpander.expand(
                grid(Map.entry("training.stepz", List.of(1)), Map.entry("recipe.cotShare", List.of(0.01, 0.010)),
                        Map.entry("training.steps", List.of()))));

        assertThat(error.problems()).extracting(SpecProblem::toString).containsExactly(
                "grid.factors.training.stepz: no such spec field (did you mean training.steps?);"
                        + " a factor names one field such as recipe.cotShare",
                "grid.factors.recipe.cotShare[1]: level 0.01 is listed twice",
                "grid.factors.training.steps: must list at least one level");
    }

    @Test
    void rejectsCellNamesThatCollideAfterSanitizing() {
        SpecValidationException error = catchThrowableOfType(SpecValidationException.class,
                () -> GridExpander.expand(grid(Map.entry("bench.taxonomy", List.of("a b", "a_b")))));

        assertThat(error.problems()).singleElement().satisfies(p ->
                assertThat(p.path()).isEqualTo("grid.cells[taxonomy=a_b]"));
    }

    @Test
    void capsTheNumberOfCells() {
        List<Object> levels = java.util.stream.IntStream.rangeClosed(1, 22).mapToObj(i -> (Object) i).toList();
        SpecValidationException error = catchThrowableOfType(SpecValidationException.class, () -> GridExpander.expand(
                grid(Map.entry("training.steps", levels), Map.entry("training.batchSize", levels),
                        Map.entry("evaluation.shots", levels))));

        assertThat(error.problems()).extracting(SpecProblem::toString)
                .containsExactly("grid.factors: expands to 10648 cells, at most 10000 are allowed");
    }

    @SafeVarargs
    private static GridSpec grid(Map.Entry<String, List<Object>>... factors) {
        Map<String, List<Object>> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, List<Object>> factor : factors) {
            ordered.put(factor.getKey(), factor.getValue());
        }
        return new GridSpec(BASE, ordered, 2);
    }
}
