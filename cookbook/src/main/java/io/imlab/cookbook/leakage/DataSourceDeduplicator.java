package io.imlab.cookbook.leakage;

import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.split.TaskOutline;
import io.imlab.cookbook.task.Task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Source-level de-duplication across collections (OPT-IML §2.1, App. A.1): tasks of the keyword-style
 * collections (CrossFit, ExMix, T5) are kept only when their data source appears in no other collection,
 * since the same dataset is better served by the collections with natural-language instructions. Other
 * collections keep their overlapping datasets (several formats and prompts of one dataset are wanted).
 *
 * <p>Data sources are compared after {@link #normalize}: lower case, runs of other characters than letters
 * and digits as one underscore ({@code "GLUE/MNLI"} = {@code "glue_mnli"}).
 */
public final class DataSourceDeduplicator {
    /** Sources kept even when they appear elsewhere: the paper keeps T5's CNN/DM "owing to its high quality". */
    public static final Set<String> PAPER_KEPT_DESPITE_OVERLAP = Set.of("cnn_dailymail");

    private final Set<String> deduplicatedCollections;
    private final Set<String> keptDespiteOverlap;

    /** The paper's rule: CrossFit, ExMix and T5 are de-duplicated; CNN/DM is kept. */
    public DataSourceDeduplicator() {
        this(Set.copyOf(Collections.KEYWORD_DEDUPLICATED), PAPER_KEPT_DESPITE_OVERLAP);
    }

    /**
     * @param deduplicatedCollections collections whose tasks are dropped on overlap
     * @param keptDespiteOverlap      normalized data sources never dropped
     */
    public DataSourceDeduplicator(Set<String> deduplicatedCollections, Set<String> keptDespiteOverlap) {
        this.deduplicatedCollections = Set.copyOf(deduplicatedCollections);
        this.keptDespiteOverlap = keptDespiteOverlap.stream().map(DataSourceDeduplicator::normalize)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * A dropped task.
     *
     * @param task       task name
     * @param collection its collection
     * @param dataSource its data source
     * @param alsoIn     the other collections holding the same data source
     */
    public record DroppedTask(String task, String collection, String dataSource, List<String> alsoIn) {
    }

    /**
     * The outcome of de-duplication.
     *
     * @param kept    the tasks kept, in input order
     * @param dropped      what was dropped and why
     * @param keptOutlines the outlines kept (of tasks a two-pass build does not hold), in input order
     */
    public record Result(List<Task> kept, List<DroppedTask> dropped, List<TaskOutline> keptOutlines) {
        public Result(List<Task> kept, List<DroppedTask> dropped) {
            this(kept, dropped, List.of());
        }
    }

    /** Drops keyword-collection tasks whose data source appears in another collection. */
    public Result deduplicate(List<Task> tasks) {
        return deduplicate(List.of(), tasks);
    }

    /**
     * As {@link #deduplicate(List)} over the tasks of {@code outlines} (tasks held as outlines only, counted as coming
     * before {@code tasks}) and {@code tasks} together.
     */
    public Result deduplicate(List<TaskOutline> outlines, List<Task> tasks) {
        Map<String, Set<String>> collectionsBySource = new TreeMap<>();
        for (TaskOutline outline : outlines) {
            collectionsBySource.computeIfAbsent(normalize(outline.dataSource()), k -> new TreeSet<>()).add(outline.collection());
        }
        for (Task task : tasks) {
            collectionsBySource.computeIfAbsent(normalize(task.dataSource()), k -> new TreeSet<>()).add(task.collection());
        }
        List<DroppedTask> dropped = new ArrayList<>();
        List<TaskOutline> keptOutlines = new ArrayList<>();
        for (TaskOutline outline : outlines) {
            if (!drop(outline.name(), outline.collection(), outline.dataSource(), collectionsBySource, dropped)) {
                keptOutlines.add(outline);
            }
        }
        List<Task> kept = new ArrayList<>();
        for (Task task : tasks) {
            if (!drop(task.name(), task.collection(), task.dataSource(), collectionsBySource, dropped)) {
                kept.add(task);
            }
        }
        return new Result(kept, dropped, keptOutlines);
    }

    private boolean drop(String name, String collection, String dataSource, Map<String, Set<String>> collectionsBySource,
                         List<DroppedTask> dropped) {
        String source = normalize(dataSource);
        List<String> others = collectionsBySource.get(source).stream().filter(c -> !c.equals(collection)).toList();
        if (deduplicatedCollections.contains(collection) && !others.isEmpty() && !keptDespiteOverlap.contains(source)) {
            dropped.add(new DroppedTask(name, collection, dataSource, others));
            return true;
        }
        return false;
    }

    /**
     * Data sources shared by a train and an eval task, which the paper forbids ("train and evaluation tasks
     * must not share a data source", §2.3): normalized source → the eval tasks that hold it. Empty when the
     * split is clean.
     */
    public static Map<String, List<String>> sharedDataSources(Collection<Task> train, Collection<Task> eval) {
        Set<String> trainSources = new TreeSet<>();
        Set<String> trainNames = new TreeSet<>();
        for (Task task : train) {
            trainSources.add(normalize(task.dataSource()));
            trainNames.add(task.name());
        }
        Map<String, List<String>> shared = new TreeMap<>();
        for (Task task : eval) {
            String source = normalize(task.dataSource());
            // A level-3 task is its own train task, evaluated on held-out instances: not a leak.
            if (trainSources.contains(source) && !trainNames.contains(task.name())) {
                shared.computeIfAbsent(source, k -> new ArrayList<>()).add(task.name());
            }
        }
        return shared;
    }

    /** The comparable form of a data source name. */
    public static String normalize(String dataSource) {
        String lower = dataSource.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_");
        return lower.replaceAll("^_+|_+$", "");
    }
}
