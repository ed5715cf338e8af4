package io.imlab.cookbook.spec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every file in {@code examples/} loads and validates, grid cells included. */
class ExamplesTest {
    private static final Path EXAMPLES = Path.of(System.getProperty("imlab.repo.root", "..")).resolve("examples");

    @Test
    void everyExampleLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(EXAMPLES)) {
            files = listing.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
        }
        Map<String, Integer> cells = new TreeMap<>();
        for (Path file : files) {
            SpecDocument document = SpecLoader.load(file);
            cells.put(file.getFileName().toString(), document instanceof GridDocument grid ? grid.cells().size() : 1);
        }
        // One grid per paper ablation (docs/recipes.md), plus the quickstart.
        assertThat(cells).containsEntry("quickstart.yaml", 3)
                .containsEntry("collection-shares.yaml", 3)
                .containsEntry("task-scaling.yaml", 5)
                .containsEntry("category-scaling.yaml", 3)
                .containsEntry("cot-share.yaml", 4)
                .containsEntry("dialogue-share.yaml", 2)
                .containsEntry("plain-text-share.yaml", 5)
                .containsEntry("metaicl.yaml", 2)
                .containsEntry("metaicl-variants.yaml", 4)
                .containsEntry("task-cap.yaml", 4);
    }

    @Test
    void quickstartKeepsItsMeaning() throws IOException {
        GridDocument grid = SpecLoader.loadGrid(EXAMPLES.resolve("quickstart.yaml"));
        RecipeSpec recipe = grid.cells().get(0).spec().recipe();
        assertThat(recipe.tokenizer().kind()).isEqualTo("byte");
        assertThat(recipe.metaIcl().enabled()).isFalse();
        assertThat(recipe.subset().active()).isFalse();
        assertThat(recipe.sequenceCount()).isEqualTo(4000);
        assertThat(recipe.temperature()).isEqualTo(1.0);
    }

    @Test
    void taskScalingCellsShareOneSubsetSeed() throws IOException {
        GridDocument grid = SpecLoader.loadGrid(EXAMPLES.resolve("task-scaling.yaml"));
        assertThat(grid.cells()).extracting(cell -> cell.spec().recipe().subset().seed()).containsOnly(1L);
        assertThat(grid.cells()).extracting(cell -> cell.spec().recipe().subset().tasks()).containsExactly(8, 16, 32, 64, 0);
    }
}
