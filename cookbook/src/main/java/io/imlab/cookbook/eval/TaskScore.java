package io.imlab.cookbook.eval;

import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;

/**
 * One task's score at one shot count.
 *
 * @param task       task name
 * @param collection the task's collection
 * @param category   the task's category, the unit of aggregation (OPT-IML §4.1)
 * @param dataSource the task's dataset; tasks of one dataset in several collections are averaged together
 * @param group      the task this one is a subtype of (e.g. MMLU for one of its 57 subjects, metadata
 *                   {@value #SUBTYPE_OF}); the task's own name when it is not a subtype
 * @param metric     accuracy, Rouge-L or exact match
 * @param n          instances scored
 * @param score      mean over instances, in [0, 1]
 */
public record TaskScore(String task, String collection, String category, String dataSource, String group,
                        MetricKind metric, int n, double score) {
    /** Task metadata key naming the parent task of a subtype (OPT-IML §4.1: "task subtypes ... aggregated first"). */
    public static final String SUBTYPE_OF = "subtypeOf";

    public static TaskScore of(Task task, int n, double score) {
        return new TaskScore(task.name(), task.collection(), task.category(), task.dataSource(), groupOf(task),
                task.metric(), n, score);
    }

    /** The aggregation group of a task: its parent's name for a subtype, else its own name. */
    public static String groupOf(Task task) {
        String parent = task.metadata().get(SUBTYPE_OF);
        return parent == null || parent.isBlank() ? task.name() : parent;
    }

    public TaskScore withScore(double newScore) {
        return new TaskScore(task, collection, category, dataSource, group, metric, n, newScore);
    }
}
