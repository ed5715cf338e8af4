package io.imlab.workflows.payload;

/**
 * One aggregate score: a generalization level at a number of shots.
 *
 * @param level  {@code level1} (fully held-out categories), {@code level2} (held-out tasks of seen
 *               categories) or {@code level3} (held-out instances of training tasks), OPT-IML §2.3
 * @param shots  demonstrations in the prompt (0 or the spec's k)
 * @param score  mean task score in [0, 1] (accuracy or Rouge-L F1, averaged together as in §4.1)
 * @param tasks  tasks averaged
 * @param chance the score uniform guessing among candidates would expect, aggregated the same way
 */
public record LevelScore(String level, int shots, double score, int tasks, double chance) {
}
