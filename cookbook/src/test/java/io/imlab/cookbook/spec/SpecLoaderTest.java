package io.imlab.cookbook.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SpecLoaderTest {

    @Test
    void fillsEveryDefaultWhenOnlyTheNameIsGiven() {
        ExperimentSpec spec = experiment("name: baseline\n");

        assertThat(spec).isEqualTo(ExperimentSpec.defaults("baseline"));
        assertThat(spec.bench()).isEqualTo(new BenchSpec("mini", 7, 3, 300));
        assertThat(spec.recipe().taskCap()).isEqualTo(4096);
        assertThat(spec.recipe().sequenceLength()).isEqualTo(256);
        assertThat(spec.recipe().sequences()).isEqualTo(4000);
        assertThat(spec.model().preset()).isEqualTo("tiny");
        assertThat(spec.training()).isEqualTo(new TrainingSpec(7, 300, 16, 1e-3, 30, 1.0, 100));
        assertThat(spec.evaluation()).isEqualTo(new EvalSpec(2, 40, 24));
    }

    @Test
    void keepsGivenFieldsAndDefaultsTheirSiblings() {
        ExperimentSpec spec = experiment("""
                name: tuned
                recipe:
                  cotShare: 0.04
                  collectionShares: {flan: 0.2, supernatural: 0.25}
                training:
                  steps: 50
                  learningRate: 3e-4
                splits:
                  heldOutCategories: [cause_effect, word_analogy]
                model:
                """);

        assertThat(spec.recipe().cotShare()).isEqualTo(0.04);
        assertThat(spec.recipe().collectionShares()).isEqualTo(Map.of("flan", 0.2, "supernatural", 0.25));
        assertThat(spec.recipe().taskCap()).isEqualTo(RecipeSpec.defaults().taskCap());
        assertThat(spec.training().steps()).isEqualTo(50);
        assertThat(spec.training().learningRate()).isEqualTo(3e-4);
        assertThat(spec.training().batchSize()).isEqualTo(16);
        assertThat(spec.splits().heldOutCategories()).containsExactly("cause_effect", "word_analogy");
        assertThat(spec.model()).isEqualTo(ModelSpec.defaults());
    }

    @Test
    void namesTheExperimentAfterTheFileWhenTheNameIsLeftOut(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("cot sweep.yaml");
        Files.writeString(file, "training: {steps: 10}\n");

        SpecDocument document = SpecLoader.load(file);

        assertThat(((ExperimentDocument) document).experiment().name()).isEqualTo("cot-sweep");
        assertThat(document.source()).isEqualTo(file.toString());
    }

    @Test
    void reportsUnknownKeysAtEveryLevelWithAHint() {
        List<SpecProblem> problems = problems("""
                name: x
                traning: {steps: 3}
                recipe:
                  cotshare: 0.01
                bench:
                  colour: blue
                """);

        assertThat(problems).extracting(SpecProblem::path).containsExactly("traning", "recipe.cotshare", "bench.colour");
        assertThat(problems.get(0).message()).startsWith("unknown field (did you mean training?)");
        assertThat(problems.get(1).message()).startsWith("unknown field (did you mean cotShare?)")
                .contains("known fields here: seed, taskCap, collectionShares");
        assertThat(problems.get(2).message()).startsWith("unknown field;");
    }

    @Test
    void reportsWrongTypesWithTheValueGiven() {
        List<SpecProblem> problems = problems("""
                name: x
                training:
                  steps: ten
                  learningRate: fast
                  batchSize: 16.5
                recipe:
                  cotShare: [0.01]
                splits:
                  heldOutCategories: [qa, 3]
                bench: 7
                model:
                  preset:
                """);

        assertThat(problems).extracting(SpecProblem::toString).containsExactly(
                "training.steps: expected an integer, got \"ten\"",
                "training.learningRate: expected a number, got \"fast\"",
                "training.batchSize: expected an integer, got 16.5",
                "recipe.cotShare: expected a number, got a list",
                "splits.heldOutCategories[1]: expected a string, got 3",
                "bench: expected a mapping, got 7",
                "model.preset: expected a string, got nothing (leave the key out to get the default)");
    }

    @Test
    void reportsSharesOutOfRange() {
        List<SpecProblem> problems = problems("""
                recipe:
                  collectionShares: {flan: -0.1, t5: 1.5}
                  cotShare: -0.01
                  plainTextShare: 2
                """);

        assertThat(problems).extracting(SpecProblem::toString).containsExactly(
                "recipe.collectionShares.flan: must be between 0 and 1, got -0.1",
                "recipe.collectionShares.t5: must be between 0 and 1, got 1.5",
                "recipe.cotShare: must be between 0 and 1, got -0.01",
                "recipe.plainTextShare: must be between 0 and 1, got 2.0");
    }

    @Test
    void reportsSharesThatAddUpToMoreThanOne() {
        List<SpecProblem> problems = problems("""
                recipe:
                  collectionShares: {flan: 0.6, supernatural: 0.5}
                  cotShare: 0.5
                  dialogueShare: 0.25
                  plainTextShare: 0.5
                """);

        assertThat(problems).extracting(SpecProblem::toString).containsExactly(
                "recipe.collectionShares: shares add up to 1.1, must be at most 1",
                "recipe: cotShare + dialogueShare + plainTextShare add up to 1.25, must be at most 1"
                        + " (the rest of the mixture is task data)");
    }

    @Test
    void acceptsSharesThatAddUpToExactlyOne() {
        ExperimentSpec spec = experiment("""
                recipe:
                  collectionShares: {flan: 0.7, supernatural: 0.2, promptsource: 0.1}
                """);

        assertThat(spec.recipe().collectionShares()).hasSize(3);
    }

    @Test
    void reportsUnknownCollections() {
        List<SpecProblem> problems = problems("recipe: {collectionShares: {wikipedia: 0.1}}\n");

        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.path()).isEqualTo("recipe.collectionShares.wikipedia");
            assertThat(problem.message()).startsWith("unknown collection; known collections: supernatural, promptsource");
        });
    }

    @Test
    void reportsNonPositiveSizes() {
        List<SpecProblem> problems = problems("""
                training: {steps: 0, batchSize: -4}
                recipe: {sequenceLength: 0, sequences: -1, taskCap: 0}
                evaluation: {maxNewTokens: 0}
                """);

        assertThat(problems).extracting(SpecProblem::toString).containsExactlyInAnyOrder(
                "training.steps: must be positive, got 0",
                "training.batchSize: must be positive, got -4",
                "recipe.sequenceLength: must be positive, got 0",
                "recipe.sequences: must be positive, got -1",
                "recipe.taskCap: must be positive, got 0",
                "evaluation.maxNewTokens: must be positive, got 0");
    }

    @Test
    void readsAndChecksTheEvaluationOptions() {
        EvalSpec evaluation = experiment("""
                evaluation: {demonstrations: instances, lengthNormalized: true, seed: 3, bootstrapSamples: 0,
                             base: init, responsesUri: "s3://imlab/runs/r/eval/responses.jsonl"}
                """).evaluation();
        assertThat(evaluation).isEqualTo(new EvalSpec(2, 40, 24, EvalSpec.INSTANCES, true, 3, 0, 5, 4, "init",
                "s3://imlab/runs/r/eval/responses.jsonl"));

        List<SpecProblem> problems = problems("""
                evaluation: {demonstrations: random, lengthNormalized: "yes", bootstrapSamples: -1,
                             sensitivityVariants: -2, base: /tmp/ckpt, responsesUri: responses.jsonl}
                """);

        assertThat(problems).extracting(SpecProblem::toString).containsExactlyInAnyOrder(
                "evaluation.demonstrations: must be one of positive-examples, instances, got \"random\"",
                "evaluation.lengthNormalized: expected true or false, got \"yes\"",
                "evaluation.bootstrapSamples: must be 0 or more, got -1",
                "evaluation.sensitivityVariants: must be 0 or more, got -2",
                "evaluation.base: must be empty, \"init\" (the run's step-0 model) or an s3:// checkpoint folder, got \"/tmp/ckpt\"",
                "evaluation.responsesUri: must be an s3:// object, got \"responses.jsonl\"");
    }

    @Test
    void reportsInconsistentFields() {
        List<SpecProblem> problems = problems("""
                name: "bad name!"
                splits:
                  heldOutCategories: [qa, nli]
                  partiallyHeldOutCategories: [nli, nli]
                  heldOutInstanceFraction: 1.0
                model: {preset: huge, dModel: 100, heads: 3}
                training: {steps: 10, warmupSteps: -1}
                """);

        assertThat(problems).extracting(SpecProblem::path).containsExactly(
                "name",
                "splits.partiallyHeldOutCategories[1]",
                "splits.partiallyHeldOutCategories[0]",
                "splits.partiallyHeldOutCategories[1]",
                "splits.heldOutInstanceFraction",
                "model.preset",
                "model.dModel",
                "training.warmupSteps");
        assertThat(problems.get(1).message()).isEqualTo("\"nli\" is listed twice");
        assertThat(problems.get(2).message()).startsWith("\"nli\" is also in splits.heldOutCategories");
    }

    @Test
    void reportsEveryProblemAtOnceWithTheFileName(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("broken.yaml");
        Files.writeString(file, """
                name: broken
                training: {steps: ten, batchSize: 0}
                recipe: {cotShare: -1, collectionShares: {nope: 0.1}}
                extra: true
                grid:
                  factors:
                    recipe.cotShar: [0, 0.01]
                """);

        SpecValidationException error = catchThrowableOfType(SpecValidationException.class, () -> SpecLoader.load(file));

        assertThat(error.source()).isEqualTo(file.toString());
        assertThat(error.problems()).extracting(SpecProblem::path).containsExactlyInAnyOrder(
                "extra", "training.steps", "training.batchSize", "recipe.collectionShares.nope", "recipe.cotShare",
                "grid.factors.recipe.cotShar");
        assertThat(error.getMessage())
                .startsWith(file + ": 6 problems:")
                .contains("  training.steps: expected an integer, got \"ten\"")
                .contains("  grid.factors.recipe.cotShar: no such spec field (did you mean recipe.cotShare?)");
    }

    @Test
    void reportsDocumentLevelProblems() {
        assertThat(problems("name: [unclosed\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("not valid YAML at line"));
        assertThat(problems("name: a\nname: b\n")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("Duplicate field 'name'"));
        assertThat(problems("")).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("the file is empty"));
        assertThat(problems("- a\n- b\n")).singleElement()
                .isEqualTo(new SpecProblem(SpecProblem.ROOT, "expected a mapping of spec sections, got a list"));
    }

    @Test
    void loadsAValidGrid() {
        SpecDocument document = SpecLoader.parse("""
                name: quickstart
                training: {steps: 200}
                grid:
                  maxParallel: 2
                  factors:
                    recipe.cotShare: [0, 0.01, 0.04]
                """, "examples/quickstart.yaml");

        assertThat(document).isInstanceOf(GridDocument.class);
        GridDocument grid = (GridDocument) document;
        assertThat(grid.grid().maxParallel()).isEqualTo(2);
        assertThat(grid.grid().base().training().steps()).isEqualTo(200);
        assertThat(grid.grid().factors()).isEqualTo(Map.of("recipe.cotShare", List.of(0, 0.01, 0.04)));
        assertThat(grid.cells()).extracting(GridCell::name).containsExactly("cotShare=0", "cotShare=0.01", "cotShare=0.04");
        assertThat(grid.cells()).extracting(cell -> cell.spec().recipe().cotShare()).containsExactly(0.0, 0.01, 0.04);
        assertThat(grid.cells()).extracting(cell -> cell.spec().name())
                .containsExactly("quickstart-cotShare=0", "quickstart-cotShare=0.01", "quickstart-cotShare=0.04");
        assertThat(grid.cells()).allSatisfy(cell -> assertThat(cell.spec().training().steps()).isEqualTo(200));
        assertThat(grid.cells()).isEqualTo(GridExpander.expand(grid.grid()));
    }

    @Test
    void defaultsMaxParallelToOne() {
        GridDocument grid = (GridDocument) SpecLoader.parse("grid: {factors: {training.steps: [10, 20]}}\n", "g.yaml");

        assertThat(grid.grid().maxParallel()).isEqualTo(GridSpec.DEFAULT_MAX_PARALLEL).isEqualTo(1);
    }

    @Test
    void reportsFactorLevelsOfTheWrongTypeWithTheCellPath() {
        List<SpecProblem> problems = problems("""
                grid:
                  factors:
                    recipe.cotShare: [0, ten]
                    training.steps: [100, 2.5]
                """);

        assertThat(problems).extracting(SpecProblem::toString).containsExactly(
                "grid.cells[cotShare=0,steps=2.5].training.steps: expected an integer, got 2.5",
                "grid.cells[cotShare=ten,steps=100].recipe.cotShare: expected a number, got \"ten\"",
                "grid.cells[cotShare=ten,steps=2.5].recipe.cotShare: expected a number, got \"ten\"",
                "grid.cells[cotShare=ten,steps=2.5].training.steps: expected an integer, got 2.5");
    }

    @Test
    void validatesEachCellAgainstTheSpecRules() {
        List<SpecProblem> problems = problems("""
                recipe: {plainTextShare: 0.5}
                grid:
                  factors:
                    recipe.cotShare: [0.01, 0.6, 2]
                """);

        assertThat(problems).extracting(SpecProblem::toString).containsExactly(
                "grid.cells[cotShare=0.6].recipe: cotShare + dialogueShare + plainTextShare add up to 1.1, must be at"
                        + " most 1 (the rest of the mixture is task data)",
                "grid.cells[cotShare=2].recipe.cotShare: must be between 0 and 1, got 2.0");
    }

    @Test
    void reportsABaseProblemOnceRatherThanInEveryCell() {
        List<SpecProblem> problems = problems("""
                training: {steps: -1}
                grid: {factors: {recipe.cotShare: [0, 0.01]}}
                """);

        assertThat(problems).extracting(SpecProblem::toString).containsExactly("training.steps: must be positive, got -1");
    }

    @Test
    void reportsMalformedGridSections() {
        assertThat(problems("grid: 3\n")).extracting(SpecProblem::toString)
                .containsExactly("grid: expected a mapping, got 3");
        assertThat(problems("grid: {maxParallel: 0, factors: {recipe.cotShare: 0.1}, seed: 1}\n"))
                .extracting(SpecProblem::toString).containsExactly(
                        "grid.maxParallel: must be positive, got 0",
                        "grid.factors.recipe.cotShare: expected a list of levels, got 0.1",
                        "grid.seed: unknown field; known fields here: factors, cells, maxParallel, nodes, gpusPerNode, gpuBudget");
        assertThat(problems("grid: {maxParallel: 2}\n")).extracting(SpecProblem::path).containsExactly("grid.factors");
        assertThat(problems("grid: {factors: {}}\n")).extracting(SpecProblem::toString)
                .containsExactly("grid.factors: must name at least one factor");
        assertThat(problems("grid: {factors: {recipe.cotShare: [0, ~]}}\n")).extracting(SpecProblem::toString)
                .containsExactly("grid.factors.recipe.cotShare[1]: a level cannot be empty");
        assertThat(problems("grid: {factors: {recipe: [1], name: [a], recipe.collectionShares.wiki: [0.1]}}\n"))
                .extracting(SpecProblem::path)
                .containsExactly("grid.factors.recipe", "grid.factors.name", "grid.factors.recipe.collectionShares.wiki");
    }

    @Test
    void loadExperimentRejectsAGridAndLoadGridRejectsAnExperiment(@TempDir Path dir) throws IOException {
        Path grid = dir.resolve("grid.yaml");
        Files.writeString(grid, "grid: {factors: {recipe.cotShare: [0, 0.01]}}\n");
        Path single = dir.resolve("single.yaml");
        Files.writeString(single, "name: single\n");

        assertThatThrownBy(() -> SpecLoader.loadExperiment(grid)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("describes a grid");
        assertThatThrownBy(() -> SpecLoader.loadGrid(single)).isInstanceOf(SpecValidationException.class)
                .hasMessageContaining("describes one experiment");
        assertThat(SpecLoader.loadGrid(grid).cells()).hasSize(2);
        assertThat(SpecLoader.loadExperiment(single).name()).isEqualTo("single");
    }

    private static ExperimentSpec experiment(String yaml) {
        return ((ExperimentDocument) SpecLoader.parse(yaml, "test.yaml")).experiment();
    }

    private static List<SpecProblem> problems(String yaml) {
        SpecValidationException error = catchThrowableOfType(SpecValidationException.class,
                () -> SpecLoader.parse(yaml, "test.yaml"));
        assertThat(error).as("expected %s to be rejected", yaml).isNotNull();
        assertThat(error.getMessage()).startsWith("test.yaml: ");
        return error.problems();
    }
}
