package io.imlab.trainer;

/**
 * Told about each checkpoint after its completion marker is written, e.g. to upload the folder to the
 * object store. An exception thrown here stops the training run.
 */
@FunctionalInterface
public interface CheckpointListener {
    void onCheckpoint(Checkpoint checkpoint);
}
