package io.imlab.workflows.payload;

/**
 * One aggregate score: a generalization level at a number of shots.
 *
 * @param level  {@code level1} (fully held-out categories), {@code level2} (held-out tasks of seen
 *               categories) or {@code level3} (held-out instances of training tasks), OPT-IML §2.3
 * @param shots  demonstrations in the prompt (0 or the spec's k)
 * @param score  level score in [0, 1] (accuracy or Rouge-L F1, averaged together as in §4.1), aggregated
 *               over task subtypes, data sources, then categories
 * @param tasks  tasks averaged
 * @param chance the score uniform guessing among candidates would expect, aggregated the same way
 * @param ciLow  lower end of the bootstrap 95% interval of {@code score}; NaN without bootstrap
 * @param ciHigh upper end of the interval; NaN without bootstrap
 */
public record LevelScore(String level, int shots, double score, int tasks, double chance, double ciLow, double ciHigh) {

    /** A score without an interval. */
    public LevelScore(String level, int shots, double score, int tasks, double chance) {
        this(level, shots, score, tasks, chance, Double.NaN, Double.NaN);
    }
}
