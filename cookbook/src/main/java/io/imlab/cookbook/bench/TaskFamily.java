package io.imlab.cookbook.bench;

import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.MetricKind;

import java.util.List;
import java.util.Objects;

/**
 * A procedural rule from which the mini benchmark makes tasks: one task per collection it appears in,
 * all sharing one {@code dataSource}, the way one dataset appears in several collections of the real
 * OPT-IML Bench (§2.1, Fig. 1).
 *
 * @param id          short identifier, part of every task name made from the family
 * @param category    the category of every task made from the family (SuperNI taxonomy names)
 * @param dataSource  the shared data source of its tasks: the unit of leakage control in splits
 * @param metric      how its non-reasoning tasks are scored
 * @param labels      the closed label set for {@link MetricKind#ACCURACY} families; empty otherwise
 * @param rule        one sentence describing the rule, for the documentation
 * @param definition  the task-level definition (SuperNI style), short enough to add a reasoning suffix
 * @param question    the one-sentence instruction used by keyword collections and templates
 * @param keyword     the terse keyword prompt of T5-style tasks, without the colon
 * @param collections the collections its variants go to, in order; variant i uses entry i modulo size
 * @param sampler     draws examples of the rule
 */
public record TaskFamily(
        String id,
        String category,
        String dataSource,
        MetricKind metric,
        List<String> labels,
        String rule,
        String definition,
        String question,
        String keyword,
        List<String> collections,
        FamilySampler sampler) {

    /** Definitions stay this short so that a tiny model's context holds definition, demos and input. */
    public static final int MAX_DEFINITION_LENGTH = 96;

    public TaskFamily {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(sampler, "sampler");
        labels = labels == null ? List.of() : List.copyOf(labels);
        collections = List.copyOf(collections);
        if ((metric == MetricKind.ACCURACY) == labels.isEmpty()) {
            throw new IllegalArgumentException("family " + id + ": closed-label families (and only they) need labels");
        }
        if (definition.length() > MAX_DEFINITION_LENGTH) {
            throw new IllegalArgumentException("family " + id + ": definition longer than " + MAX_DEFINITION_LENGTH);
        }
        if (collections.isEmpty()) {
            throw new IllegalArgumentException("family " + id + ": at least one collection is required");
        }
        for (String collection : collections) {
            if (!Collections.KNOWN.contains(collection)) {
                throw new IllegalArgumentException("family " + id + ": unknown collection '" + collection + "'");
            }
        }
    }

    public boolean closedLabel() {
        return metric == MetricKind.ACCURACY;
    }
}
