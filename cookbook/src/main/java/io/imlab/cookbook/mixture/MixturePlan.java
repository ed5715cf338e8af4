package io.imlab.cookbook.mixture;

import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.spec.SpecProblem;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The requested sampling probabilities of a recipe over a set of training tasks and pools: what share of
 * the whole mixture each pool kind, each collection, each category and each task should get (OPT-IML
 * §3.3, §4.2; metaseq {@code opt_instruct}).
 *
 * <ol>
 *   <li>The recipe's task subset is applied first ({@link TaskSubsets}: nested, seeded).</li>
 *   <li>{@code cotShare}, {@code dialogueShare} and {@code plainTextShare} are shares of the whole
 *       mixture; the task mixture gets the rest.</li>
 *   <li>Within the task mixture, collections named in {@code collectionShares} get their share; the
 *       collections left out share the remaining mass in proportion to their capped sizes (metaseq
 *       {@code --data-sampling-prob}). When every collection is named and the shares sum to less than
 *       one, they are rescaled to sum to one.</li>
 *   <li>A task's capped size is min(#instances, cap), the cap being the collection's entry in
 *       {@code collectionCaps} or else {@code taskCap}: example-proportional sampling with a cap (EPS,
 *       OPT-IML §4.2; the paper's cap is 4096; metaseq {@code --caps}).</li>
 *   <li>Within a collection, tasks are weighted by capped size^(1/temperature); with
 *       {@code equalCategories} each category first gets an equal part of the collection
 *       (metaseq {@code --equalize-cluster-probs}) and its tasks share that part the same way.</li>
 * </ol>
 *
 * @param kindShares       share of the whole mixture per example kind, task mixture included
 * @param collectionShares share of the whole mixture per collection (tasks only)
 * @param categoryShares   share of the whole mixture per category (tasks only)
 * @param tasks            every training task in the subset with at least one instance, sorted by
 *                         collection then name
 */
public record MixturePlan(
        Map<ExampleKind, Double> kindShares,
        Map<String, Double> collectionShares,
        Map<String, Double> categoryShares,
        List<WeightedTask> tasks) {

    private static final double TOLERANCE = 1e-9;

    /**
     * A training task with its sampling weight.
     *
     * @param task       the task, holding its training instances
     * @param cappedSize min(#instances, cap of its collection)
     * @param share      share of the whole mixture
     */
    public record WeightedTask(Task task, int cappedSize, double share) {
    }

    public MixturePlan {
        kindShares = java.util.Collections.unmodifiableMap(new EnumMap<>(kindShares));
        collectionShares = java.util.Collections.unmodifiableMap(new TreeMap<>(collectionShares));
        categoryShares = java.util.Collections.unmodifiableMap(new TreeMap<>(categoryShares));
        tasks = List.copyOf(tasks);
    }

    /**
     * Computes the plan, reporting every problem of the recipe against these tasks and pools at once.
     *
     * @throws MixtureRecipeException listing each problem with its field path
     */
    public static MixturePlan of(List<Task> tasks, Map<PoolKind, List<TextExample>> pools, RecipeSpec recipe) {
        List<SpecProblem> problems = new ArrayList<>();
        if (recipe.taskCap() < 1) {
            problems.add(new SpecProblem("recipe.taskCap", "must be ≥ 1, got " + recipe.taskCap()));
        }
        new TreeMap<>(recipe.collectionCaps()).forEach((collection, cap) -> {
            if (cap == null || cap < 1) {
                problems.add(new SpecProblem("recipe.collectionCaps." + collection, "must be ≥ 1, got " + cap));
            }
        });
        if (!(recipe.temperature() > 0 && Double.isFinite(recipe.temperature()))) {
            problems.add(new SpecProblem("recipe.temperature", "must be a positive number, got " + recipe.temperature()));
        }

        Map<ExampleKind, Double> kindShares = new EnumMap<>(ExampleKind.class);
        double poolTotal = 0;
        for (PoolKind pool : PoolKind.values()) {
            double share = poolShare(recipe, pool);
            String field = "recipe." + poolField(pool);
            if (!(share >= 0 && share <= 1)) {
                problems.add(new SpecProblem(field, "must be in [0, 1], got " + share));
                continue;
            }
            if (share > 0 && pools.getOrDefault(pool, List.of()).isEmpty()) {
                problems.add(new SpecProblem(field, share + " requested but there are no " + pool + " examples"));
            }
            poolTotal += share;
            kindShares.put(ExampleKind.of(pool), share);
        }
        if (poolTotal > 1 + TOLERANCE) {
            problems.add(new SpecProblem("recipe", "cotShare + dialogueShare + plainTextShare must be ≤ 1, got " + poolTotal));
        }
        double taskMass = Math.max(0, 1 - poolTotal);
        kindShares.put(ExampleKind.TASK, taskMass);

        Set<String> names = new HashSet<>();
        for (Task task : tasks) {
            if (!names.add(task.name())) {
                problems.add(new SpecProblem("tasks", "duplicate task name " + task.name()));
            }
        }
        List<Task> selected = TaskSubsets.select(tasks, recipe.subset(), problems);

        // Capped sizes per collection; tasks sorted (by TaskSubsets) so the plan does not depend on input order.
        Map<String, List<Task>> byCollection = new TreeMap<>();
        for (Task task : selected) {
            if (!task.instances().isEmpty()) {
                byCollection.computeIfAbsent(task.collection(), c -> new ArrayList<>()).add(task);
            }
        }
        Map<String, Long> cappedSizes = new TreeMap<>();
        byCollection.forEach((collection, list) -> {
            int cap = Math.max(1, recipe.capFor(collection));
            cappedSizes.put(collection, list.stream().mapToLong(t -> Math.min(t.instances().size(), cap)).sum());
        });

        double explicitTotal = 0;
        for (Map.Entry<String, Double> entry : new TreeMap<>(recipe.collectionShares()).entrySet()) {
            String field = "recipe.collectionShares." + entry.getKey();
            Double share = entry.getValue();
            if (share == null || !(share >= 0 && share <= 1)) {
                problems.add(new SpecProblem(field, "must be in [0, 1], got " + share));
                continue;
            }
            if (share > 0 && !byCollection.containsKey(entry.getKey())) {
                problems.add(new SpecProblem(field, share + " requested but no training task"
                        + (recipe.subset().active() ? " in the recipe's subset" : "") + " has collection " + entry.getKey()));
            }
            explicitTotal += share;
        }
        if (explicitTotal > 1 + TOLERANCE) {
            problems.add(new SpecProblem("recipe.collectionShares", "must sum to ≤ 1, got " + explicitTotal));
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
                problems.add(new SpecProblem("tasks", "the task mixture has share " + taskMass
                        + " but no training task has instances"));
            } else if (withinTotal <= 0) {
                problems.add(new SpecProblem("recipe.collectionShares", "every collection with training tasks has share 0"));
            }
        }
        if (!problems.isEmpty()) {
            throw new MixtureRecipeException(problems);
        }

        double exponent = 1 / recipe.temperature();
        Map<String, Double> collectionShares = new LinkedHashMap<>();
        Map<String, Double> categoryShares = new TreeMap<>();
        List<WeightedTask> weighted = new ArrayList<>();
        for (Map.Entry<String, List<Task>> entry : byCollection.entrySet()) {
            String collection = entry.getKey();
            int cap = Math.max(1, recipe.capFor(collection));
            double collectionShare = withinTotal > 0 ? taskMass * withinTasks.get(collection) / withinTotal : 0;
            collectionShares.put(collection, collectionShare);
            // Groups within the collection: one per category with equalCategories, else the whole collection.
            Map<String, List<Task>> groups = new TreeMap<>();
            for (Task task : entry.getValue()) {
                groups.computeIfAbsent(Boolean.TRUE.equals(recipe.equalCategories()) ? task.category() : "", g -> new ArrayList<>())
                        .add(task);
            }
            for (List<Task> group : groups.values()) {
                double groupShare = collectionShare / groups.size();
                double groupWeight = group.stream()
                        .mapToDouble(t -> Math.pow(Math.min(t.instances().size(), cap), exponent)).sum();
                for (Task task : group) {
                    int capped = Math.min(task.instances().size(), cap);
                    double share = groupShare * Math.pow(capped, exponent) / groupWeight;
                    weighted.add(new WeightedTask(task, capped, share));
                    categoryShares.merge(task.category(), share, Double::sum);
                }
            }
        }
        weighted.sort(java.util.Comparator.comparing((WeightedTask w) -> w.task().collection())
                .thenComparing(w -> w.task().name()));
        return new MixturePlan(kindShares, collectionShares, categoryShares, weighted);
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
