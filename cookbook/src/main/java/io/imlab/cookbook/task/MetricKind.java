package io.imlab.cookbook.task;

/** How a task is scored (OPT-IML §4.1). */
public enum MetricKind {
    /** Rank classification over the instance's candidates; accuracy. */
    ACCURACY,
    /** Greedy generation; Rouge-L F1 against the best reference. */
    ROUGE_L,
    /** Greedy generation; exact match against any reference after normalization. */
    EXACT_MATCH
}
