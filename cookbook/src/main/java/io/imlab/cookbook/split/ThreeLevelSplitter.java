package io.imlab.cookbook.split;

import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
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
 *
 * <p>The split is made on {@link TaskOutline}s (names, categories, sources and two hashes per input), never on the
 * text, so a build can split a bench it does not hold in memory ({@link #plan}); {@link #split} applies the same plan
 * to tasks in memory.
 */
public final class ThreeLevelSplitter {

    /**
     * Splits {@code tasks} as {@code spec} says: {@link #plan} on their outlines, applied to the tasks.
     *
     * @throws IllegalArgumentException listing every problem of the spec against these tasks, each with
     *                                  its field path ({@code splits.heldOutCategories[1]: unknown category 'Foo'})
     */
    public SplitResult split(List<Task> tasks, SplitSpec spec) {
        Objects.requireNonNull(tasks, "tasks");
        SplitPlan plan = plan(tasks.stream().map(TaskOutline::of).toList(), spec);
        Map<String, Task> byName = new HashMap<>();
        tasks.forEach(task -> byName.put(task.name(), task));
        List<Task> train = plan.trainTasks().stream().map(part -> apply(byName.get(part.task()), part)).toList();
        Map<GeneralizationLevel, List<Task>> eval = new EnumMap<>(GeneralizationLevel.class);
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            eval.put(level, plan.evalTasks(level).stream().map(part -> apply(byName.get(part.task()), part)).toList());
        }
        return new SplitResult(train, eval, plan.excludedTasks(), plan.testTasks());
    }

    /** The task holding the instances of {@code part}, or the task itself when the part keeps all of them. */
    public static Task apply(Task task, SplitPlan.Part part) {
        int[] positions = part.instances();
        List<Instance> instances = task.instances();
        if (positions.length == instances.size()) {
            return task;   // positions are increasing and distinct: all of them, in order
        }
        List<Instance> kept = new ArrayList<>(positions.length);
        for (int position : positions) {
            kept.add(instances.get(position));
        }
        return task.withInstances(kept);
    }

    /**
     * Splits the tasks of {@code outlines} as {@code spec} says, as positions of their instances.
     *
     * @throws IllegalArgumentException listing every problem of the spec against these tasks, each with its field path
     */
    public SplitPlan plan(List<TaskOutline> tasks, SplitSpec spec) {
        Objects.requireNonNull(tasks, "tasks");
        Objects.requireNonNull(spec, "spec");
        validate(tasks, spec);

        Set<String> levelOneCategories = new HashSet<>(spec.heldOutCategories());
        List<TaskOutline> levelOne = tasks.stream().filter(t -> levelOneCategories.contains(t.category())).toList();
        Set<String> levelOneSources = sources(levelOne);

        Set<String> levelTwoSources = chooseLevelTwoSources(tasks, spec, levelOneCategories, levelOneSources);
        Set<String> partialCategories = new HashSet<>(spec.partiallyHeldOutCategories());
        List<TaskOutline> levelTwo = new ArrayList<>();
        List<TaskOutline> remaining = new ArrayList<>();
        for (TaskOutline task : tasks) {
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
        for (TaskOutline task : levelOne) {
            heldOutTaskBySource.putIfAbsent(task.dataSource(), task.name());
        }
        for (TaskOutline task : levelTwo) {
            heldOutTaskBySource.putIfAbsent(task.dataSource(), task.name());
        }
        List<ExcludedTask> excluded = new ArrayList<>();
        List<TaskOutline> training = new ArrayList<>();
        for (TaskOutline task : remaining) {
            String heldOut = heldOutTaskBySource.get(task.dataSource());
            if (heldOut != null) {
                excluded.add(new ExcludedTask(task.name(), task.dataSource(), "shares its data source with held-out task " + heldOut));
            } else {
                training.add(task);
            }
        }
        checkPartialCategoriesStillTrained(training, spec);

        List<SplitPlan.Part> trainTasks = new ArrayList<>();
        List<Slice> levelThree = new ArrayList<>();
        holdOutInstances(training, spec, trainTasks, levelThree, excluded);

        Map<GeneralizationLevel, List<Slice>> uncapped = new EnumMap<>(GeneralizationLevel.class);
        uncapped.put(GeneralizationLevel.LEVEL1, levelOne.stream().map(Slice::all).toList());
        uncapped.put(GeneralizationLevel.LEVEL2, levelTwo.stream().map(Slice::all).toList());
        uncapped.put(GeneralizationLevel.LEVEL3, levelThree);
        Map<GeneralizationLevel, List<SplitPlan.Part>> eval = new EnumMap<>(GeneralizationLevel.class);
        Map<GeneralizationLevel, Set<String>> test = new EnumMap<>(GeneralizationLevel.class);
        uncapped.forEach((level, levelTasks) -> {
            Set<String> testNames = chooseTestTasks(levelTasks, level, spec);
            test.put(level, testNames);
            eval.put(level, capAll(levelTasks, level, testNames, spec));
        });
        return new SplitPlan(trainTasks, eval, excluded, test);
    }

    /** Some instances of a task: positions into its outline. */
    private record Slice(TaskOutline task, int[] positions) {
        static Slice all(TaskOutline task) {
            int[] positions = new int[task.size()];
            Arrays.setAll(positions, i -> i);
            return new Slice(task, positions);
        }
    }

    /**
     * Divides one level's evaluation tasks into dev and test (OPT-IML §2.4: dev and test are different tasks,
     * Table 15). Tasks of {@code testCategories} are test; of the others, a seeded {@code testFraction} of the
     * data sources is test, whole sources at a time so dev and test never share one. A level with a single such
     * source keeps it in dev, and a fraction strictly between 0 and 1 leaves each side at least one source.
     */
    private static Set<String> chooseTestTasks(List<Slice> tasks, GeneralizationLevel level, SplitSpec spec) {
        Set<String> testCategories = new HashSet<>(spec.testCategories());
        Set<String> test = new HashSet<>();
        Set<String> otherSources = new TreeSet<>();
        for (Slice slice : tasks) {
            TaskOutline task = slice.task();
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
        for (Slice slice : tasks) {
            TaskOutline task = slice.task();
            if (!testCategories.contains(task.category()) && chosen.contains(task.dataSource())) {
                test.add(task.name());
            }
        }
        return test;
    }

    private static void validate(List<TaskOutline> tasks, SplitSpec spec) {
        List<String> problems = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Map<String, Set<String>> sourcesByCategory = new TreeMap<>();
        for (TaskOutline task : tasks) {
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
    private static Set<String> chooseLevelTwoSources(List<TaskOutline> tasks, SplitSpec spec, Set<String> levelOneCategories,
                                                     Set<String> levelOneSources) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String category : spec.partiallyHeldOutCategories()) {
            Map<String, Integer> taskCountBySource = new TreeMap<>();
            for (TaskOutline task : tasks) {
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

    private static void checkPartialCategoriesStillTrained(List<TaskOutline> training, SplitSpec spec) {
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
    private static void holdOutInstances(List<TaskOutline> training, SplitSpec spec, List<SplitPlan.Part> trainTasks,
                                         List<Slice> levelThree, List<ExcludedTask> excluded) {
        Map<String, List<TaskOutline>> tasksBySource = new TreeMap<>();
        for (TaskOutline task : training) {
            tasksBySource.computeIfAbsent(task.dataSource(), s -> new ArrayList<>()).add(task);
        }
        // per task, whether each instance's input is held out
        Map<String, boolean[]> heldOutByTask = new HashMap<>();
        tasksBySource.forEach((source, tasks) -> {
            DistinctInputs inputs = new DistinctInputs(tasks.stream().mapToInt(TaskOutline::size).sum());
            List<int[]> distinctOf = new ArrayList<>(tasks.size());
            for (TaskOutline task : tasks) {
                distinctOf.add(inputs.idsOf(task));
            }
            int count = Math.min((int) Math.round(spec.heldOutInstanceFraction() * inputs.size()), Math.max(0, inputs.size() - 1));
            boolean[] chosen = inputs.smallestByKey(count, StableSeeds.derive(spec.seed(), "level3", source));
            for (int t = 0; t < tasks.size(); t++) {
                int[] ids = distinctOf.get(t);
                boolean[] heldOut = new boolean[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    heldOut[i] = chosen[ids[i]];
                }
                heldOutByTask.put(tasks.get(t).name(), heldOut);
            }
        });
        for (TaskOutline task : training) {
            boolean[] heldOut = heldOutByTask.get(task.name());
            int evalCount = 0;
            for (boolean held : heldOut) {
                evalCount += held ? 1 : 0;
            }
            int[] train = new int[heldOut.length - evalCount];
            int[] eval = new int[evalCount];
            for (int i = 0, t = 0, e = 0; i < heldOut.length; i++) {
                if (heldOut[i]) {
                    eval[e++] = i;
                } else {
                    train[t++] = i;
                }
            }
            if (train.length == 0 && eval.length > 0) {
                excluded.add(new ExcludedTask(task.name(), task.dataSource(), "every instance was held out for level 3"));
                continue;
            }
            trainTasks.add(new SplitPlan.Part(task.name(), train));
            if (eval.length > 0) {
                levelThree.add(new Slice(task, eval));
            }
        }
    }

    /**
     * The distinct inputs of one data source's training tasks, in order of first occurrence (tasks in training order,
     * instances in task order). An input is its two hashes ({@link TaskOutline}): equal texts are one input, and
     * different texts are two unless they agree on all 96 bits.
     */
    private static final class DistinctInputs {
        private final long[] slotKeys;
        private final int[] slotHashes;
        private final int[] slotIds;
        private final int mask;
        /** {@link String#hashCode} of each distinct input, by id (= order of first occurrence). */
        private int[] hashes;
        private int size;

        DistinctInputs(int capacity) {
            int slots = Integer.highestOneBit(Math.max(4, capacity) * 2 - 1) * 2;
            slotKeys = new long[slots];
            slotHashes = new int[slots];
            slotIds = new int[slots];
            Arrays.fill(slotIds, -1);
            mask = slots - 1;
            hashes = new int[Math.max(4, capacity)];
        }

        int size() {
            return size;
        }

        /** The id of each instance's input, adding inputs not seen before. */
        int[] idsOf(TaskOutline task) {
            int[] ids = new int[task.size()];
            for (int i = 0; i < ids.length; i++) {
                long key = task.inputKeys()[i];
                int hash = task.inputHashes()[i];
                int slot = (int) StableSeeds.mix(key) & mask;
                while (slotIds[slot] >= 0 && (slotKeys[slot] != key || slotHashes[slot] != hash)) {
                    slot = (slot + 1) & mask;
                }
                if (slotIds[slot] < 0) {
                    slotKeys[slot] = key;
                    slotHashes[slot] = hash;
                    slotIds[slot] = size;
                    hashes[size++] = hash;
                }
                ids[i] = slotIds[slot];
            }
            return ids;
        }

        /**
         * A seeded random choice of {@code count} inputs: each input gets a key from the seed and its text's
         * {@link String#hashCode} (specified by the language, so equal on every JVM), and the {@code count} smallest
         * keys are chosen. Selecting on keys instead of sorting the texts keeps this to one linear selection over
         * longs. Inputs whose texts share a hash code share a key; where such a tie straddles the {@code count}-th
         * key, the inputs seen first (in the order of {@link #idsOf} calls) are chosen.
         *
         * @return by input id, whether it is chosen
         */
        boolean[] smallestByKey(int count, long seed) {
            boolean[] chosen = new boolean[size];
            if (count == 0) {
                return chosen;
            }
            long[] keys = new long[size];
            for (int i = 0; i < size; i++) {
                keys[i] = StableSeeds.mix(seed ^ StableSeeds.mix(hashes[i]));
            }
            long threshold = kthSmallest(keys.clone(), count - 1);
            int taken = 0;
            for (int i = 0; i < size; i++) {
                if (keys[i] < threshold) {
                    chosen[i] = true;
                    taken++;
                }
            }
            for (int i = 0; i < size && taken < count; i++) {
                if (keys[i] == threshold) {
                    chosen[i] = true;
                    taken++;
                }
            }
            return chosen;
        }
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
    private static List<SplitPlan.Part> capAll(List<Slice> tasks, GeneralizationLevel level, Set<String> testNames, SplitSpec spec) {
        List<SplitPlan.Part> out = new ArrayList<>(tasks.size());
        for (Slice slice : tasks) {
            String name = slice.task().name();
            int[] positions = slice.positions();
            int size = positions.length;
            int cap = testNames.contains(name)
                    ? (spec.maxTestInstancesPerTask() == 0 ? Integer.MAX_VALUE : spec.maxTestInstancesPerTask())
                    : spec.maxEvalInstancesPerTask();
            if (size <= cap) {
                out.add(new SplitPlan.Part(name, positions));
                continue;
            }
            List<Integer> indices = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                indices.add(i);
            }
            java.util.Collections.shuffle(indices, new Random(StableSeeds.derive(spec.seed(), "cap", level.id(), name)));
            int[] kept = new int[cap];
            for (int i = 0; i < cap; i++) {
                kept[i] = indices.get(i);
            }
            Arrays.sort(kept);
            for (int i = 0; i < cap; i++) {
                kept[i] = positions[kept[i]];
            }
            out.add(new SplitPlan.Part(name, kept));
        }
        return out;
    }

    private static Set<String> sources(List<TaskOutline> tasks) {
        Set<String> out = new HashSet<>();
        tasks.forEach(t -> out.add(t.dataSource()));
        return out;
    }
}
