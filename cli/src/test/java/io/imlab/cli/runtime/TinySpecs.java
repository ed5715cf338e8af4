package io.imlab.cli.runtime;

/** Specs small enough for tests: a one-variant mini bench, a few training steps, one eval instance per task. */
public final class TinySpecs {
    private TinySpecs() {
    }

    /** The body of an experiment spec (no {@code grid:} section) named {@code name}. */
    public static String experiment(String name) {
        return experiment(name, 4, 2);
    }

    /** As {@link #experiment(String)}, training {@code steps} steps with a checkpoint every {@code checkpointEvery}. */
    public static String experiment(String name, int steps, int checkpointEvery) {
        return """
                name: %s
                bench: {source: mini, seed: 7, tasksPerFamily: 1, instancesPerTask: 40}
                splits:
                  seed: 7
                  heldOutCategories: [Word Analogy, Cause Effect Classification]
                  partiallyHeldOutCategories: [Toxic Language Detection, Mathematics]
                  heldOutTasksPerCategory: 1
                  heldOutInstanceFraction: 0.1
                  maxEvalInstancesPerTask: 4
                recipe: {seed: 1, taskCap: 4096, cotShare: 0.01, plainTextShare: 0.0, sequenceLength: 128, sequences: 64}
                model: {preset: tiny}
                training: {seed: 1, steps: %d, batchSize: 4, learningRate: 0.001, warmupSteps: 1, checkpointEvery: %d}
                evaluation: {shots: 1, maxInstancesPerTask: 1, maxNewTokens: 4}
                """.formatted(name, steps, checkpointEvery);
    }

    /** A two-cell grid over the CoT share, with the step-0 model scored beside each cell (shared by both). */
    public static String grid(String name) {
        return experiment(name).replace("maxNewTokens: 4}", "maxNewTokens: 4, base: init}") + """
                grid:
                  maxParallel: 1
                  factors:
                    recipe.cotShare: [0.0, 0.04]
                """;
    }
}
