package io.imlab.cookbook.eval;

/**
 * How much scores move when only the template and delimiter change (the MetaICL fragility, OPT-IML §4.2
 * Tables 8 and 21): the same instances are scored 0-shot under several (template, delimiter) variants.
 *
 * @param tasks              tasks probed
 * @param variants           prompt variants per instance
 * @param meanTaskRange      mean over tasks of (best variant's task score − worst variant's)
 * @param maxTaskRange       the largest such range
 * @param meanInstanceSpread mean over instances of (best variant's score − worst variant's)
 */
public record SensitivityStats(int tasks, int variants, double meanTaskRange, double maxTaskRange,
                               double meanInstanceSpread) {
}
