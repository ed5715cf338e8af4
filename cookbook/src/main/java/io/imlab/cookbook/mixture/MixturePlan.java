package io.imlab.cookbook.mixture;

import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The requested sampling probabilities of a recipe over a set of training tasks and pools: what share of
 * the whole mixture each pool kind, each collection and each task should get (OPT-IML §3.3, §4.2).
 *
 * <ol>
 *   <li>{@code cotShare}, {@code dialogueShare} and {@code plainTextShare} are shares of the whole
 *       mixture; the task mixture gets the rest.</li>
 *   <li>Within the task mixture, collections named in {@code collectionShares} get their share; the
 *       collections left out share the remaining mass in proportion to their capped sizes (metaseq
 *       {@code opt_instruct} {@code --data-sampling-prob}). When every collection is named and the
 *       shares sum to less than one, they are rescaled to sum to one.</li>
 *   <li>Within a collection, a task is weighted by min(#instances, taskCap): example-proportional
 *       sampling with a cap (EPS, OPT-IML §4.2; the paper's cap is 4096).</li>
 * </ol>
 *
 * @param kindShares       share of the whole mixture per example kind, task mixture included
 * @param collectionShares share of the whole mixture per collection (tasks only)
 * @param tasks            every training task with at least one instance, sorted by collection then name
 */
public record MixturePlan(
        Map<ExampleKind, Double> kindShares,
        Map<String, Double> collectionShares,
        List<WeightedTask> tasks) {

    private static final double TOLERANCE = 1e-9;

    /**
     * A training task with its sampling weight.
     *
     * @param task       the task, holding its training instances
     * @param cappedSize min(#instances, taskCap)
     * @param share      share of the whole mixture
     */
    public record WeightedTask(Task task, int cappedSize, double share) {
    }

    public MixturePlan {
        kindShares = java.util.Collections.unmodifiableMap(new EnumMap<>(kindShares));
        collectionShares = java.util.Collections.unmodifiableMap(new TreeMap<>(collectionShares));
        tasks = List.copyOf(tasks);
    }

    /**
     * Computes the plan, reporting every problem of the recipe against these tasks and pools at once.
     *
     * @throws IllegalArgumentException listing each problem with its field path
     */
    public static MixturePlan of(List<Task> tasks, Map<PoolKind, List<TextExample>> pools, RecipeSpec recipe) {
        List<String> problems = new ArrayList<>();
        if (recipe.taskCap() < 1) {
            problems.add("recipe.taskCap: must be ≥ 1, got " + recipe.taskCap());
        }

        Map<ExampleKind, Double> kindShares = new EnumMap<>(ExampleKind.class);
        double poolTotal = 0;
        for (PoolKind pool : PoolKind.values()) {
            double share = poolShare(recipe, pool);
            String field = "recipe." + poolField(pool);
            if (!(share >= 0 && share <= 1)) {
                problems.add(field + ": must be in [0, 1], got " + share);
                continue;
            }
            if (share > 0 && pools.getOrDefault(pool, List.of()).isEmpty()) {
                problems.add(field + ": " + share + " requested but there are no " + pool + " examples");
            }
            poolTotal += share;
            kindShares.put(ExampleKind.of(pool), share);
        }
        if (poolTotal > 1 + TOLERANCE) {
            problems.add("recipe: cotShare + dialogueShare + plainTextShare must be ≤ 1, got " + poolTotal);
        }
        double taskMass = Math.max(0, 1 - poolTotal);
        kindShares.put(ExampleKind.TASK, taskMass);

        // Capped sizes per collection; tasks sorted so the plan does not depend on input order.
        int cap = Math.max(1, recipe.taskCap());
        Map<String, List<Task>> byCollection = new TreeMap<>();
        Set<String> names = new HashSet<>();
        for (Task task : tasks) {
            if (!names.add(task.name())) {
                problems.add("tasks: duplicate task name " + task.name());
            }
            if (!task.instances().isEmpty()) {
                byCollection.computeIfAbsent(task.collection(), c -> new ArrayList<>()).add(task);
            }
        }
        Map<String, Long> cappedSizes = new TreeMap<>();
        byCollection.forEach((collection, list) -> {
            list.sort(Comparator.comparing(Task::name));
            cappedSizes.put(collection, list.stream().mapToLong(t -> Math.min(t.instances().size(), cap)).sum());
        });

        double explicitTotal = 0;
        for (Map.Entry<String, Double> entry : new TreeMap<>(recipe.collectionShares()).entrySet()) {
            String field = "recipe.collectionShares." + entry.getKey();
            Double share = entry.getValue();
            if (share == null || !(share >= 0 && share <= 1)) {
                problems.add(field + ": must be in [0, 1], got " + share);
                continue;
            }
            if (share > 0 && !byCollection.containsKey(entry.getKey())) {
                problems.add(field + ": " + share + " requested but no training task has collection " + entry.getKey());
            }
            explicitTotal += share;
        }
        if (explicitTotal > 1 + TOLERANCE) {
            problems.add("recipe.collectionShares: must sum to ≤ 1, got " + explicitTotal);
        }

        // Share of the task mixture per collection.
        Map<String, Double> withinTasks = new TreeMap<>();
        double leftOutSize = 0;
        for (String collection : byCollection.keySet()) {
            if (!recipe.collectionShares().containsKey(collection)) {
                leftOutSize += cappedSizes.get(collection);
            }
        }
        double remaining = Math.max(0, 1 - explicitTotal);
        for (String collection : byCollection.keySet()) {
            Double explicit = recipe.collectionShares().get(collection);
            if (explicit != null) {
                withinTasks.put(collection, explicit >= 0 ? explicit : 0);
            } else {
                withinTasks.put(collection, remaining * cappedSizes.get(collection) / leftOutSize);
            }
        }
        double withinTotal = withinTasks.values().stream().mapToDouble(Double::doubleValue).sum();
        if (taskMass > TOLERANCE && problems.isEmpty()) {
            if (byCollection.isEmpty()) {
                problems.add("tasks: the task mixture has share " + taskMass + " but no training task has instances");
            } else if (withinTotal <= 0) {
                problems.add("recipe.collectionShares: every collection with training tasks has share 0");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid mixture recipe:\n  " + String.join("\n  ", problems));
        }

        Map<String, Double> collectionShares = new LinkedHashMap<>();
        List<WeightedTask> weighted = new ArrayList<>();
        for (Map.Entry<String, List<Task>> entry : byCollection.entrySet()) {
            String collection = entry.getKey();
            double collectionShare = withinTotal > 0 ? taskMass * withinTasks.get(collection) / withinTotal : 0;
            collectionShares.put(collection, collectionShare);
            long size = cappedSizes.get(collection);
            for (Task task : entry.getValue()) {
                int capped = Math.min(task.instances().size(), cap);
                weighted.add(new WeightedTask(task, capped, collectionShare * capped / size));
            }
        }
        return new MixturePlan(kindShares, collectionShares, weighted);
    }

    private static double poolShare(RecipeSpec recipe, PoolKind pool) {
        return switch (pool) {
            case COT -> recipe.cotShare();
            case DIALOGUE -> recipe.dialogueShare();
            case PLAIN_TEXT -> recipe.plainTextShare();
        };
    }

    private static String poolField(PoolKind pool) {
        return switch (pool) {
            case COT -> "cotShare";
            case DIALOGUE -> "dialogueShare";
            case PLAIN_TEXT -> "plainTextShare";
        };
    }

    /** Share of the whole mixture requested for one task, 0 for an unknown task. */
    public double taskShare(String taskName) {
        return tasks.stream().filter(t -> t.task().name().equals(taskName))
                .mapToDouble(WeightedTask::share).findFirst().orElse(0);
    }
}
