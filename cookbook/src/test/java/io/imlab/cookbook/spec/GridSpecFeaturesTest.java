package io.imlab.cookbook.spec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Seeds as a factor, explicit cell lists, GPU budgets and the large-grid cap, read from YAML. */
class GridSpecFeaturesTest {
    private static final String BASE = "name: g\nrecipe: {cotShare: 0.01}\n";

    @Test
    void seedsAreAFactorAndCellNamesStayUniqueAndReadable() {
        GridDocument grid = (GridDocument) SpecLoader.parse(BASE + """
                grid:
                  factors:
                    recipe.cotShare: [0, 0.04]
                    training.seed: [1, 2, 3]
                """, "g.yaml");
        assertThat(grid.cells()).extracting(GridCell::name).containsExactly(
                "cotShare=0,seed=1", "cotShare=0,seed=2", "cotShare=0,seed=3",
                "cotShare=0.04,seed=1", "cotShare=0.04,seed=2", "cotShare=0.04,seed=3");
        assertThat(grid.cells()).extracting(c -> c.spec().training().seed()).containsExactly(1L, 2L, 3L, 1L, 2L, 3L);
    }

    @Test
    void bothSeedsVaryWithFullPathsInTheNames() {
        GridDocument grid = (GridDocument) SpecLoader.parse(BASE + """
                grid:
                  factors:
                    recipe.seed: [1, 2]
                    training.seed: [5]
                """, "g.yaml");
        assertThat(grid.cells()).extracting(GridCell::name)
                .containsExactly("recipe.seed=1,training.seed=5", "recipe.seed=2,training.seed=5");
    }

    @Test
    void anExplicitListOfCellsRunsExactlyThoseCells() {
        GridDocument grid = (GridDocument) SpecLoader.parse(BASE + """
                grid:
                  maxParallel: 4
                  cells:
                    - {recipe.cotShare: 0, training.seed: 1}
                    - {recipe.cotShare: 0.04, training.seed: 2}
                """, "g.yaml");
        assertThat(grid.cells()).extracting(GridCell::name).containsExactly("cotShare=0,seed=1", "cotShare=0.04,seed=2");
        assertThat(grid.cells().get(1).spec().recipe().cotShare()).isEqualTo(0.04);
        assertThat(grid.cells().get(1).spec().training().seed()).isEqualTo(2L);
        assertThat(grid.grid().factors()).isEmpty();
    }

    @Test
    void explicitCellsAreValidatedWithTheirIndexAndName() {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> SpecLoader.parse(BASE + """
                grid:
                  cells:
                    - {recipe.cotShare: 2}
                    - {recipe.nope: 1}
                    - {recipe.cotShare: 2}
                """, "g.yaml"));
        assertThat(e.problems()).extracting(SpecProblem::path).contains("grid.cells[1].recipe.nope");
    }

    @Test
    void factorsAndCellsTogetherAreRejected() {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> SpecLoader.parse(BASE + """
                grid:
                  factors: {recipe.cotShare: [0]}
                  cells: [{recipe.cotShare: 0}]
                """, "g.yaml"));
        assertThat(e.problems()).extracting(SpecProblem::path).containsExactly("grid.cells");
    }

    @Test
    void aGpuBudgetLowersTheCellsAdmittedAtOnce() {
        GridDocument grid = (GridDocument) SpecLoader.parse(BASE + """
                grid:
                  maxParallel: 10
                  nodes: 2
                  gpusPerNode: 4
                  gpuBudget: 20
                  factors: {training.seed: [1, 2, 3, 4]}
                """, "g.yaml");
        assertThat(grid.grid().gpusPerCell()).isEqualTo(8);
        assertThat(grid.grid().admittedParallel()).isEqualTo(2);
        assertThat(new GridSpec(grid.grid().base(), Map.of("training.seed", List.<Object>of(1)), 3).admittedParallel())
                .isEqualTo(3);
    }

    @Test
    void aCellThatCannotFitTheBudgetIsAConfigurationError() {
        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> SpecLoader.parse(BASE + """
                grid:
                  nodes: 4
                  gpusPerNode: 8
                  gpuBudget: 16
                  factors: {training.seed: [1]}
                """, "g.yaml"));
        assertThat(e.problems()).extracting(SpecProblem::path).containsExactly("grid.gpuBudget");
        assertThat(e.getMessage()).contains("needs 32 GPUs");
    }

    @Test
    void twoThousandCellsAreAllowedAndTheCapIsEnforced() {
        GridDocument grid = (GridDocument) SpecLoader.parse(BASE + """
                grid:
                  factors:
                    training.seed: %s
                    recipe.seed: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
                """.formatted(java.util.stream.IntStream.rangeClosed(1, 200).boxed().toList()), "g.yaml");
        assertThat(grid.cells()).hasSize(2000);
        assertThat(grid.cells().stream().map(GridCell::name).distinct().count()).isEqualTo(2000);

        SpecValidationException e = catchThrowableOfType(SpecValidationException.class, () -> SpecLoader.parse(BASE + """
                grid:
                  factors:
                    training.seed: %s
                    recipe.seed: %s
                """.formatted(java.util.stream.IntStream.rangeClosed(1, 101).boxed().toList(),
                java.util.stream.IntStream.rangeClosed(1, 100).boxed().toList()), "g.yaml"));
        assertThat(e.getMessage()).contains("expands to 10100 cells, at most 10000");
    }
}
