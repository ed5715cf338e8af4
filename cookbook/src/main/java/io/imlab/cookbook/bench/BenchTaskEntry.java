package io.imlab.cookbook.bench;

import io.imlab.cookbook.split.EvalSplit;
import io.imlab.cookbook.split.GeneralizationLevel;

import java.util.Optional;

/**
 * One task file of a bench on disk, as listed in {@code bench.json}.
 *
 * @param name       task name
 * @param part       {@value #TRAIN} or the evaluation level's id ({@code level1}, {@code level2}, {@code level3})
 * @param split      for an evaluation task {@code dev} or {@code test}; empty for a training task
 * @param file       the file, relative to the bench folder
 * @param collection the task's collection
 * @param category   the task's category
 * @param dataSource the task's data source
 * @param metric     the task's metric name
 * @param instances  instances in the file
 */
public record BenchTaskEntry(String name, String part, String split, String file, String collection, String category,
                             String dataSource, String metric, int instances) {
    public static final String TRAIN = "train";

    public boolean isTrain() {
        return TRAIN.equals(part);
    }

    /** The evaluation level, or empty for a training task. */
    public Optional<GeneralizationLevel> level() {
        return isTrain() ? Optional.empty() : Optional.of(GeneralizationLevel.fromId(part));
    }

    /** The evaluation split, or empty for a training task. */
    public Optional<EvalSplit> evalSplit() {
        return isTrain() ? Optional.empty() : Optional.of(EvalSplit.fromId(split));
    }
}
