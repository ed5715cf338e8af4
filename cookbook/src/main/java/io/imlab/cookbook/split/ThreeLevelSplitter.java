package io.imlab.cookbook.split;

import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Splits a bench into training tasks and the three evaluation levels of OPT-IML §2.3:
 * <ol>
 *   <li>level 1: every task of a held-out category;</li>
 *   <li>level 2: in each partially held-out category, whole data sources chosen by seed until at least
 *       {@code heldOutTasksPerCategory} tasks are held out, always leaving one source to train on;</li>
 *   <li>level 3: a seeded fraction of the instances of every training task.</li>
 * </ol>
 * The data source is the unit of leakage control: no training task shares a data source with a level-1
 * or level-2 task, and an input held out at level 3 is held out from every training task of that source
 * (the same dataset appears in several collections). Training tasks that would share a source with a
 * held-out task are excluded and reported. The same tasks and spec always give an equal result.
 */
public final class ThreeLevelSplitter {

    /**
     * Splits {@code tasks} as {@code spec} says.
     *
     * @throws IllegalArgumentException listing every problem of the spec against these tasks, each with
     *                                  its field path ({@code splits.heldOutCategories[1]: unknown category 'Foo'})
     */
    public SplitResult split(List<Task> tasks, SplitSpec spec) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(spec, "spec");
        validate(tasks, spec);

        Set<String> levelOneCategories = new HashSet<>(spec.heldOutCategories());
        List<Task> levelOne = tasks.stream().filter(t -> levelOneCategories.contains(t.category())).toList();
        Set<String> levelOneSources = sources(levelOne);

        Set<String> levelTwoSources = chooseLevelTwoSources(tasks, spec, levelOneCategories, levelOneSources);
        Set<String> partialCategories = new HashSet<>(spec.partiallyHeldOutCategories());
        List<Task> levelTwo = new ArrayList<>();
        List<Task> remaining = new ArrayList<>();
        for (Task task : tasks) {
            if (levelOneCategories.contains(task.category())) {
                continue;
            }
            if (levelTwoSources.contains(task.dataSource()) && partialCategories.contains(task.category())) {
                levelTwo.add(task);
            } else {
                remaining.add(task);
            }
        }

        // the source-level rule (OPT-IML §2.3): train and evaluation tasks never share a data source
        Map<String, String> heldOutTaskBySource = new TreeMap<>();
        for (Task task : levelOne) {
            heldOutTaskBySource.putIfAbsent(task.dataSource(), task.name());
        }
        for (Task task : levelTwo) {
            heldOutTaskBySource.putIfAbsent(task.dataSource(), task.name());
        }
        List<ExcludedTask> excluded = new ArrayList<>();
        List<Task> training = new ArrayList<>();
        for (Task task : remaining) {
            String heldOut = heldOutTaskBySource.get(task.dataSource());
            if (heldOut != null) {
                excluded.add(new ExcludedTask(task.name(), task.dataSource(), "shares its data source with held-out task " + heldOut));
            } else {
                training.add(task);
            }
        }
        checkPartialCategoriesStillTrained(training, spec);

        List<Task> trainTasks = new ArrayList<>();
        List<Task> levelThree = new ArrayList<>();
        holdOutInstances(training, spec, trainTasks, levelThree, excluded);

        Map<GeneralizationLevel, List<Task>> uncapped = new EnumMap<>(GeneralizationLevel.class);
        uncapped.put(GeneralizationLevel.LEVEL1, levelOne);
        uncapped.put(GeneralizationLevel.LEVEL2, levelTwo);
        uncapped.put(GeneralizationLevel.LEVEL3, levelThree);
        Map<GeneralizationLevel, List<Task>> eval = new EnumMap<>(GeneralizationLevel.class);
        Map<GeneralizationLevel, Set<String>> test = new EnumMap<>(GeneralizationLevel.class);
        uncapped.forEach((level, levelTasks) -> {
            Set<String> testNames = chooseTestTasks(levelTasks, level, spec);
            test.put(level, testNames);
            eval.put(level, capAll(levelTasks, level, testNames, spec));
        });
        return new SplitResult(trainTasks, eval, excluded, test);
    }

    /**
     * Divides one level's evaluation tasks into dev and test (OPT-IML §2.4: dev and test are different tasks,
     * Table 15). Tasks of {@code testCategories} are test; of the others, a seeded {@code testFraction} of the
     * data sources is test, whole sources at a time so dev and test never share one. A level with a single such
     * source keeps it in dev, and a fraction strictly between 0 and 1 leaves each side at least one source.
     */
    private static Set<String> chooseTestTasks(List<Task> tasks, GeneralizationLevel level, SplitSpec spec) {
        Set<String> testCategories = new HashSet<>(spec.testCategories());
        Set<String> test = new HashSet<>();
        Set<String> otherSources = new TreeSet<>();
        for (Task task : tasks) {
            if (testCategories.contains(task.category())) {
                test.add(task.name());
            } else {
                otherSources.add(task.dataSource());
            }
        }
        int sources = otherSources.size();
        double fraction = spec.testFraction();
        int testSources = (int) Math.round(fraction * sources);
        if (fraction > 0 && fraction < 1) {
            testSources = sources < 2 ? 0 : Math.max(1, Math.min(sources - 1, testSources));
        }
        List<String> order = new ArrayList<>(otherSources);
        java.util.Collections.shuffle(order, new Random(StableSeeds.derive(spec.seed(), "test", level.id())));
        Set<String> chosen = new HashSet<>(order.subList(0, testSources));
        for (Task task : tasks) {
            if (!testCategories.contains(task.category()) && chosen.contains(task.dataSource())) {
                test.add(task.name());
            }
        }
        return test;
    }

    private static void validate(List<Task> tasks, SplitSpec spec) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, Set<String>> sourcesByCategory = new TreeMap<>();
        for (Task task : tasks) {
            if (!names.add(task.name())) {
                problems.add("tasks: duplicate task name '" + task.name() + "'");
            }
            sourcesByCategory.computeIfAbsent(task.category(), c -> new TreeSet<>()).add(task.dataSource());
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < spec.heldOutCategories().size(); i++) {
            String category = spec.heldOutCategories().get(i);
            String path = "splits.heldOutCategories[" + i + "]";
            if (!sourcesByCategory.containsKey(category)) {
                problems.add(path + ": unknown category '" + category + "'");
            } else if (!seen.add(category)) {
                problems.add(path + ": category '" + category + "' is listed twice");
            }
        }
        if (!sourcesByCategory.isEmpty() && seen.containsAll(sourcesByCategory.keySet())) {
            problems.add("splits.heldOutCategories: every category is held out; nothing is left to train on");
        }
        Set<String> seenPartial = new HashSet<>();
        for (int i = 0; i < spec.partiallyHeldOutCategories().size(); i++) {
            String category = spec.partiallyHeldOutCategories().get(i);
            String path = "splits.partiallyHeldOutCategories[" + i + "]";
            if (!sourcesByCategory.containsKey(category)) {
                problems.add(path + ": unknown category '" + category + "'");
            } else if (seen.contains(category)) {
                problems.add(path + ": category '" + category + "' is also in splits.heldOutCategories");
            } else if (!seenPartial.add(category)) {
                problems.add(path + ": category '" + category + "' is listed twice");
            } else if (spec.heldOutTasksPerCategory() > 0 && sourcesByCategory.get(category).size() < 2) {
                problems.add(path + ": category '" + category + "' has only one data source "
                        + sourcesByCategory.get(category) + "; holding out its tasks would leave none to train on");
            }
        }
        Set<String> seenTest = new HashSet<>();
        for (int i = 0; i < spec.testCategories().size(); i++) {
            String category = spec.testCategories().get(i);
            String path = "splits.testCategories[" + i + "]";
            if (!sourcesByCategory.containsKey(category)) {
                problems.add(path + ": unknown category '" + category + "'");
            } else if (!seenTest.add(category)) {
                problems.add(path + ": category '" + category + "' is listed twice");
            }
        }
        if (!(spec.testFraction() >= 0 && spec.testFraction() <= 1)) {
            problems.add("splits.testFraction: must be in [0, 1], got " + spec.testFraction());
        }
        if (spec.maxTestInstancesPerTask() < 0) {
            problems.add("splits.maxTestInstancesPerTask: must be ≥ 0, got " + spec.maxTestInstancesPerTask());
        }
        if (spec.heldOutTasksPerCategory() < 0) {
            problems.add("splits.heldOutTasksPerCategory: must be ≥ 0, got " + spec.heldOutTasksPerCategory());
        }
        if (!(spec.heldOutInstanceFraction() >= 0 && spec.heldOutInstanceFraction() < 1)) {
            problems.add("splits.heldOutInstanceFraction: must be in [0, 1), got " + spec.heldOutInstanceFraction());
        }
        if (spec.maxEvalInstancesPerTask() < 1) {
            problems.add("splits.maxEvalInstancesPerTask: must be ≥ 1, got " + spec.maxEvalInstancesPerTask());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid split:\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Level 2 holds out whole data sources, because a held-out task's source must not feed training
     * (OPT-IML §2.3): all variants of a source leave together, so a category may lose more tasks than
     * asked for. Sources already used by level 1 are not candidates; one candidate always stays.
     */
    private static Set<String> chooseLevelTwoSources(List<Task> tasks, SplitSpec spec, Set<String> levelOneCategories,
                                                     Set<String> levelOneSources) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String category : spec.partiallyHeldOutCategories()) {
            Map<String, Integer> taskCountBySource = new TreeMap<>();
            for (Task task : tasks) {
                if (task.category().equals(category) && !levelOneCategories.contains(task.category())
                        && !levelOneSources.contains(task.dataSource())) {
                    taskCountBySource.merge(task.dataSource(), 1, Integer::sum);
                }
            }
            List<String> candidates = new ArrayList<>(taskCountBySource.keySet());
            java.util.Collections.shuffle(candidates, new Random(StableSeeds.derive(spec.seed(), "level2", category)));
            int heldOut = 0;
            for (int i = 0; i < candidates.size() - 1 && heldOut < spec.heldOutTasksPerCategory(); i++) {
                chosen.add(candidates.get(i));
                heldOut += taskCountBySource.get(candidates.get(i));
            }
        }
        return chosen;
    }

    private static void checkPartialCategoriesStillTrained(List<Task> training, SplitSpec spec) {
        Set<String> trainedCategories = new HashSet<>();
        training.forEach(t -> trainedCategories.add(t.category()));
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < spec.partiallyHeldOutCategories().size(); i++) {
            String category = spec.partiallyHeldOutCategories().get(i);
            if (!trainedCategories.contains(category)) {
                problems.add("splits.partiallyHeldOutCategories[" + i + "]: no training task of category '" + category
                        + "' is left after the data-source rule; it would be fully held out");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid split:\n  " + String.join("\n  ", problems));
        }
    }

    /**
     * Level 3 holds out a fraction of each source's distinct inputs, so an input held out in one
     * collection's task is not trained on through another collection's task of the same source.
     */
    private static void holdOutInstances(List<Task> training, SplitSpec spec, List<Task> trainTasks, List<Task> levelThree,
                                         List<ExcludedTask> excluded) {
        // (default-sized sets on purpose: their iteration order breaks ties in smallestByKey, and a split must not change)
        Map<String, Set<String>> inputsBySource = new TreeMap<>();
        for (Task task : training) {
            Set<String> inputs = inputsBySource.computeIfAbsent(task.dataSource(), s -> new HashSet<>());
            for (Instance instance : task.instances()) {
                inputs.add(instance.input());
            }
        }
        Map<String, Set<String>> heldOutInputsBySource = new LinkedHashMap<>();
        inputsBySource.forEach((source, inputs) -> {
            int count = Math.min((int) Math.round(spec.heldOutInstanceFraction() * inputs.size()), Math.max(0, inputs.size() - 1));
            heldOutInputsBySource.put(source, smallestByKey(inputs, count, StableSeeds.derive(spec.seed(), "level3", source)));
        });
        for (Task task : training) {
            Set<String> heldOutInputs = heldOutInputsBySource.get(task.dataSource());
            List<Instance> train = new ArrayList<>();
            List<Instance> eval = new ArrayList<>();
            for (Instance instance : task.instances()) {
                (heldOutInputs.contains(instance.input()) ? eval : train).add(instance);
            }
            if (train.isEmpty() && !eval.isEmpty()) {
                excluded.add(new ExcludedTask(task.name(), task.dataSource(), "every instance was held out for level 3"));
                continue;
            }
            trainTasks.add(task.withInstances(train));
            if (!eval.isEmpty()) {
                levelThree.add(task.withInstances(eval));
            }
        }
    }

    /**
     * A seeded random choice of {@code count} inputs: each input gets a key from the seed and its text's
     * {@link String#hashCode} (specified by the language, so equal on every JVM, and already computed by the set),
     * and the {@code count} smallest keys are chosen. Selecting on keys instead of sorting the texts keeps this to
     * one linear selection over longs; on the 144k shared SuperNI inputs a sort of the texts cost as much as the
     * ingest.
     */
    private static Set<String> smallestByKey(Set<String> inputs, int count, long seed) {
        if (count == 0) {
            return Set.of();
        }
        String[] texts = inputs.toArray(String[]::new);
        long[] keys = new long[texts.length];
        for (int i = 0; i < texts.length; i++) {
            keys[i] = StableSeeds.mix(seed ^ StableSeeds.mix(texts[i].hashCode()));
        }
        long threshold = kthSmallest(keys.clone(), count - 1);
        Set<String> chosen = new HashSet<>(count * 2);
        for (int i = 0; i < texts.length; i++) {
            // texts with equal hash codes tie; the size check keeps the count exact, the set's order breaks the tie
            if (keys[i] <= threshold && chosen.size() < count) {
                chosen.add(texts[i]);
            }
        }
        return chosen;
    }

    /**
     * The {@code k}-th smallest value (from 0) of {@code values}, which it reorders: the value a full sort would put at
     * index {@code k}, found by quickselect in linear expected time (the hold-out needs that one threshold, not the
     * order).
     */
    static long kthSmallest(long[] values, int k) {
        int low = 0;
        int high = values.length - 1;
        while (low < high) {
            // median of three as the pivot; keys are hashes, so any pivot rule is fine on average
            int middle = (low + high) >>> 1;
            long pivot = Math.max(Math.min(values[low], values[middle]), Math.min(Math.max(values[low], values[middle]), values[high]));
            int i = low;
            int j = high;
            while (i <= j) {
                while (values[i] < pivot) {
                    i++;
                }
                while (values[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long swap = values[i];
                    values[i] = values[j];
                    values[j] = swap;
                    i++;
                    j--;
                }
            }
            if (k <= j) {
                high = j;
            } else if (k >= i) {
                low = i;
            } else {
                return values[k];
            }
        }
        return values[k];
    }

    /**
     * Caps every evaluation task by a seeded sample: a dev task at {@code maxEvalInstancesPerTask} (the paper's
     * "at most 250 prompts per task" in validation, §2.4), a test task at {@code maxTestInstancesPerTask} when
     * that is set (the paper keeps every test example).
     */
    private static List<Task> capAll(List<Task> tasks, GeneralizationLevel level, Set<String> testNames, SplitSpec spec) {
        List<Task> out = new ArrayList<>(tasks.size());
        for (Task task : tasks) {
            int size = task.instances().size();
            int cap = testNames.contains(task.name())
                    ? (spec.maxTestInstancesPerTask() == 0 ? Integer.MAX_VALUE : spec.maxTestInstancesPerTask())
                    : spec.maxEvalInstancesPerTask();
            if (size <= cap) {
                out.add(task);
                continue;
            }
            List<Integer> indices = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                indices.add(i);
            }
            java.util.Collections.shuffle(indices, new Random(StableSeeds.derive(spec.seed(), "cap", level.id(), task.name())));
            List<Integer> kept = new ArrayList<>(indices.subList(0, cap));
            kept.sort(null);
            out.add(task.withInstances(kept.stream().map(task.instances()::get).toList()));
        }
        return out;
    }

    private static Set<String> sources(List<Task> tasks) {
        Set<String> out = new HashSet<>();
        tasks.forEach(t -> out.add(t.dataSource()));
        return out;
    }
}
