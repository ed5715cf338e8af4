package io.imlab.cookbook.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Task scores aggregated in the paper's order (OPT-IML §4.1): task subtypes are averaged into their
 * parent task first (MMLU's 57 subjects count as one task); then a dataset that appears in several
 * collections is averaged across them into one data-source score, so a dataset is not counted once per
 * collection; then data sources are averaged per category, and categories into the level score, so a
 * category with many tasks does not dominate the level. Collection scores (mean of each collection's
 * task groups) are a separate view, as the paper's per-benchmark tables show them.
 *
 * @param level       mean over categories
 * @param categories  mean over each category's data sources
 * @param dataSources mean over each data source's task groups (key {@code category/dataSource})
 * @param collections mean over each collection's task groups
 * @param groups      mean over each task group's subtypes (key {@code collection/group})
 */
public record ScoreAggregate(
        double level,
        Map<String, Double> categories,
        Map<String, Double> dataSources,
        Map<String, Double> collections,
        Map<String, Double> groups) {

    public ScoreAggregate {
        categories = Collections.unmodifiableMap(new TreeMap<>(categories));
        dataSources = Collections.unmodifiableMap(new TreeMap<>(dataSources));
        collections = Collections.unmodifiableMap(new TreeMap<>(collections));
        groups = Collections.unmodifiableMap(new TreeMap<>(groups));
    }

    /** Aggregates task scores; NaN level when there are none. */
    public static ScoreAggregate of(List<TaskScore> tasks) {
        // 1. Subtypes into their parent task, per collection.
        Map<String, List<TaskScore>> byGroup = new LinkedHashMap<>();
        for (TaskScore t : tasks) {
            byGroup.computeIfAbsent(t.collection() + "/" + t.group(), k -> new ArrayList<>()).add(t);
        }
        Map<String, Double> groups = new LinkedHashMap<>();
        Map<String, double[]> dataSourceSums = new LinkedHashMap<>();
        Map<String, double[]> collectionSums = new LinkedHashMap<>();
        Map<String, String> dataSourceCategory = new LinkedHashMap<>();
        for (Map.Entry<String, List<TaskScore>> group : byGroup.entrySet()) {
            double mean = group.getValue().stream().mapToDouble(TaskScore::score).average().orElseThrow();
            groups.put(group.getKey(), mean);
            TaskScore first = group.getValue().get(0);
            // 2. The same dataset in several collections: one data-source score.
            String dataSource = first.category() + "/" + first.dataSource();
            dataSourceCategory.put(dataSource, first.category());
            add(dataSourceSums, dataSource, mean);
            add(collectionSums, first.collection(), mean);
        }
        Map<String, Double> dataSources = means(dataSourceSums);
        // 3. Data sources per category; 4. categories into the level.
        Map<String, double[]> categorySums = new LinkedHashMap<>();
        dataSources.forEach((dataSource, score) -> add(categorySums, dataSourceCategory.get(dataSource), score));
        Map<String, Double> categories = means(categorySums);
        double level = categories.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        return new ScoreAggregate(level, categories, dataSources, means(collectionSums), groups);
    }

    private static void add(Map<String, double[]> sums, String key, double value) {
        double[] sum = sums.computeIfAbsent(key, k -> new double[2]);
        sum[0] += value;
        sum[1]++;
    }

    private static Map<String, Double> means(Map<String, double[]> sums) {
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((key, sum) -> means.put(key, sum[0] / sum[1]));
        return means;
    }
}
