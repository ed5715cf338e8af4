package io.imlab.cookbook.leakage;

/**
 * A (train, eval) task pair whose overlap exceeds the threshold.
 *
 * @param trainTask             the training task
 * @param evalTask              the evaluation task
 * @param overlappingInstances  eval instances sharing at least one n-gram with the training task
 * @param evalInstances         all instances of the eval task
 * @param fraction              overlappingInstances / evalInstances
 */
public record FlaggedPair(String trainTask, String evalTask, int overlappingInstances, int evalInstances, double fraction) {
}
