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
    /** An experiment with every section at its default (see {@code docs/spec-reference.md}). */
    public static ExperimentSpec defaults(String name) {
        return new ExperimentSpec(name, BenchSpec.defaults(), SplitSpec.defaults(), RecipeSpec.defaults(),
                ModelSpec.defaults(), TrainingSpec.defaults(), EvalSpec.defaults());
    }
}
