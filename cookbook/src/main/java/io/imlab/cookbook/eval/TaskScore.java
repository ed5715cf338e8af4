package io.imlab.cookbook.eval;

import io.imlab.cookbook.task.MetricKind;

/**
 * One task's score at one shot count.
 *
 * @param task       task name
 * @param collection the task's collection
 * @param category   the task's category, the unit of aggregation (OPT-IML §4.1)
 * @param metric     accuracy, Rouge-L or exact match
 * @param n          instances scored
 * @param score      mean over instances, in [0, 1]
 */
public record TaskScore(String task, String collection, String category, MetricKind metric, int n, double score) {
}
