package io.imlab.workflows.payload;

/**
 * Heartbeat details of the training activity: where training stands, so that a retried attempt
 * (after a worker crash or heartbeat timeout) can resume from the last complete checkpoint.
 *
 * @param step                    last optimizer step reported by the trainer
 * @param loss                    its training loss
 * @param tokens                  target tokens trained on so far
 * @param lastCheckpointUri       newest complete checkpoint, or null before the first
 */
public record TrainProgress(int step, double loss, long tokens, String lastCheckpointUri) {
}
