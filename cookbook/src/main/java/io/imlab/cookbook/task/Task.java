package io.imlab.cookbook.task;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The unified task model that every collection is converted into (OPT-IML §2.2): the built-in mini
 * benchmark fills it procedurally, real ingest fills it from the collections' published formats.
 *
 * @param name             unique task name, e.g. {@code task1344_glue_entailment_classification}
 * @param collection       source collection id (see {@link Collections})
 * @param category         the task's single category in the unified taxonomy
 * @param dataSource       the underlying dataset; the unit of leakage control (OPT-IML §2.1)
 * @param style            how the collection phrases instructions
 * @param definition       task-level definition (TASK_LEVEL) or the one instruction sentence (KEYWORD);
 *                         empty for INSTANCE_LEVEL tasks, which use {@code templates}
 * @param templates        instance-level templates; empty for TASK_LEVEL and KEYWORD tasks
 * @param positiveExamples demonstrations for k-shot prompts and task-level definitions
 * @param negativeExamples negative demonstrations, kept but not used in prompts by default
 * @param metric           how the task is scored
 * @param instances        the task's examples
 * @param metadata         free-form provenance (languages, licence, upstream ids)
 */
public record Task(
        String name,
        String collection,
        String category,
        String dataSource,
        InstructionStyle style,
        String definition,
        List<Template> templates,
        List<Demonstration> positiveExamples,
        List<Demonstration> negativeExamples,
        MetricKind metric,
        List<Instance> instances,
        Map<String, String> metadata) {

    public Task {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(style, "style");
        Objects.requireNonNull(metric, "metric");
        definition = definition == null ? "" : definition;
        templates = templates == null ? List.of() : List.copyOf(templates);
        positiveExamples = positiveExamples == null ? List.of() : List.copyOf(positiveExamples);
        negativeExamples = negativeExamples == null ? List.of() : List.copyOf(negativeExamples);
        instances = instances == null ? List.of() : List.copyOf(instances);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (style == InstructionStyle.INSTANCE_LEVEL && templates.isEmpty()) {
            throw new IllegalArgumentException("task " + name + ": instance-level tasks need at least one template");
        }
    }

    /** Whether the task is scored by rank classification over candidates. */
    public boolean closedLabel() {
        return metric == MetricKind.ACCURACY;
    }

    /** A copy of this task holding other instances (used by splits and caps). */
    public Task withInstances(List<Instance> newInstances) {
        return new Task(name, collection, category, dataSource, style, definition, templates,
                positiveExamples, negativeExamples, metric, newInstances, metadata);
    }
}
