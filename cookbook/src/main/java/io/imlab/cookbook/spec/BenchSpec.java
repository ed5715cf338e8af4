package io.imlab.cookbook.spec;

/**
 * Which benchmark to build.
 *
 * @param source         {@code mini} for the built-in generator; other sources come with real ingest
 * @param seed           generator seed
 * @param tasksPerFamily how many task variants the generator makes of each task family (scales the bench)
 * @param instancesPerTask instances generated per task
 */
public record BenchSpec(String source, long seed, int tasksPerFamily, int instancesPerTask) {
    public static BenchSpec defaults() {
        return new BenchSpec("mini", 7, 3, 300);
    }
}
