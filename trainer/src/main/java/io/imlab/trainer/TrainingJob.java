package io.imlab.trainer;

import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;

import java.nio.file.Path;

/**
 * What to train: a packed dataset folder, where checkpoints go, and the model and optimization specs.
 *
 * @param data        folder written by {@link io.imlab.cookbook.pack.PackedDatasetWriter}
 * @param checkpoints folder that receives the {@code step-<N>/} checkpoints
 * @param model       network size (vocabulary and context length come from the data)
 * @param training    optimization settings
 */
public record TrainingJob(Path data, Path checkpoints, ModelSpec model, TrainingSpec training) {
}
