package io.imlab.cookbook.spec;

/**
 * One experiment: build the bench, split it, sample the mixture, train, evaluate at three levels.
 * Loaded from YAML and validated by {@code SpecLoader}; every field has a documented default.
 */
public record ExperimentSpec(
        String name,
        BenchSpec bench,
        SplitSpec splits,
        RecipeSpec recipe,
        ModelSpec model,
        TrainingSpec training,
        EvalSpec evaluation) {
}
