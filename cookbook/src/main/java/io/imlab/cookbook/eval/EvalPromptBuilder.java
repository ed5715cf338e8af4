package io.imlab.cookbook.eval;

import io.imlab.cookbook.mixture.FormattedExample;
import io.imlab.cookbook.mixture.PromptFormatter;
import io.imlab.cookbook.spec.EvalSpec;
import io.imlab.cookbook.task.Demonstration;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Builds 0-shot and k-shot evaluation prompts with the training {@link PromptFormatter} (OPT-IML §4.1,
 * §2.4): demonstrations go after the definition for task-level instructions and before the example for
 * instance-level templates and keyword prompts.
 *
 * <p>The k demonstrations come from (see {@link EvalSpec#demonstrations()}):
 * <ul>
 *   <li>{@code positive-examples}: the task's positive examples when it has at least k, otherwise as below;</li>
 *   <li>{@code instances}: the task's training instances when the caller supplies them (level 3: held-out
 *       instances of a training task), otherwise the task's other evaluation instances — never the scored one.</li>
 * </ul>
 * Template and delimiter depend only on the seed, the task and the instance, so the 0-shot and k-shot
 * prompts of an instance differ only by their demonstrations, and results do not depend on task order.
 */
public final class EvalPromptBuilder {
    private final PromptFormatter formatter;
    private final String source;

    public EvalPromptBuilder() {
        this(new PromptFormatter(), EvalSpec.POSITIVE_EXAMPLES);
    }

    /**
     * @param source {@link EvalSpec#POSITIVE_EXAMPLES} or {@link EvalSpec#INSTANCES}
     */
    public EvalPromptBuilder(PromptFormatter formatter, String source) {
        if (!EvalSpec.DEMONSTRATION_SOURCES.contains(source)) {
            throw new IllegalArgumentException("demonstrations must be one of " + EvalSpec.DEMONSTRATION_SOURCES + ", got " + source);
        }
        this.formatter = formatter;
        this.source = source;
    }

    /** Prompts for the first {@code maxInstances} instances of the task. */
    public List<EvalPrompt> buildAll(Task task, int shots, int maxInstances, long seed) {
        return buildAll(task, List.of(), shots, maxInstances, seed);
    }

    /**
     * Prompts for the first {@code maxInstances} instances of the task.
     *
     * @param trainingInstances the task's training instances (may be empty), a demonstration pool
     */
    public List<EvalPrompt> buildAll(Task task, List<Instance> trainingInstances, int shots, int maxInstances, long seed) {
        int count = Math.min(maxInstances, task.instances().size());
        List<EvalPrompt> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            prompts.add(build(task, trainingInstances, i, shots, seed));
        }
        return prompts;
    }

    /** The prompt for instance {@code index} of the task with {@code shots} demonstrations. */
    public EvalPrompt build(Task task, int index, int shots, long seed) {
        return build(task, List.of(), index, shots, seed);
    }

    /** The prompt for instance {@code index}, demonstrations drawn as the source says. */
    public EvalPrompt build(Task task, List<Instance> trainingInstances, int index, int shots, long seed) {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be ≥ 0, got " + shots);
        }
        Instance instance = task.instances().get(index);
        long instanceSeed = instanceSeed(seed, task.name(), index);
        List<Demonstration> demonstrations = demonstrations(task, trainingInstances, index, shots, new Random(~instanceSeed));
        FormattedExample formatted = formatter.format(task, instance, demonstrations, new Random(instanceSeed));
        return prompt(task, instance, formatted, demonstrations.size());
    }

    /**
     * The 0-shot prompt for instance {@code index} with a chosen template and delimiter (the sensitivity
     * diagnostic).
     */
    public EvalPrompt buildVariant(Task task, int index, PromptVariant variant) {
        Instance instance = task.instances().get(index);
        return prompt(task, instance, formatter.format(task, instance, List.of(), variant.template(), variant.delimiter()), 0);
    }

    /**
     * Up to {@code count} distinct (template, delimiter) pairs for the task in a seeded order that changes
     * the template and the delimiter at every step, so that even a few variants see both kinds of change
     * (templates of instance-level tasks, the eight delimiters of OPT-IML §2.4).
     */
    public static List<PromptVariant> variants(Task task, int count, long seed) {
        int templates = task.style() == InstructionStyle.INSTANCE_LEVEL ? task.templates().size() : 1;
        Random random = new Random(instanceSeed(seed, task.name(), -1));
        List<Integer> templateOrder = new ArrayList<>();
        for (int t = 0; t < templates; t++) {
            templateOrder.add(t);
        }
        java.util.Collections.shuffle(templateOrder, random);
        List<String> delimiterOrder = new ArrayList<>(PromptFormatter.DELIMITERS);
        java.util.Collections.shuffle(delimiterOrder, random);
        // (v mod T, v mod D) repeats only after lcm(T, D) steps.
        int distinct = templates * delimiterOrder.size() / gcd(templates, delimiterOrder.size());
        List<PromptVariant> variants = new ArrayList<>();
        for (int v = 0; v < Math.min(count, distinct); v++) {
            variants.add(new PromptVariant(templateOrder.get(v % templates), delimiterOrder.get(v % delimiterOrder.size())));
        }
        return List.copyOf(variants);
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }

    /**
     * One prompt variant.
     *
     * @param template  index into the task's templates (0 for tasks without templates)
     * @param delimiter one of {@link PromptFormatter#DELIMITERS}
     */
    public record PromptVariant(int template, String delimiter) {
    }

    private static EvalPrompt prompt(Task task, Instance instance, FormattedExample formatted, int shots) {
        List<String> candidates = instance.candidates().stream().map(c -> " " + c).toList();
        return new EvalPrompt(task.name(), instance.id(), formatted.source(), instance.outputs(), candidates, shots);
    }

    private List<Demonstration> demonstrations(Task task, List<Instance> trainingInstances, int scored, int shots,
                                               Random random) {
        if (shots == 0) {
            return List.of();
        }
        if (source.equals(EvalSpec.POSITIVE_EXAMPLES) && task.positiveExamples().size() >= shots) {
            List<Demonstration> pool = task.positiveExamples();
            List<Demonstration> chosen = new ArrayList<>(shots);
            for (int i : sample(pool.size(), shots, random)) {
                chosen.add(pool.get(i));
            }
            return chosen;
        }
        if (!trainingInstances.isEmpty()) {
            List<Demonstration> chosen = new ArrayList<>(shots);
            for (int i : sample(trainingInstances.size(), Math.min(shots, trainingInstances.size()), random)) {
                Instance demo = trainingInstances.get(i);
                chosen.add(new Demonstration(demo.input(), demo.target(), ""));
            }
            return chosen;
        }
        int others = task.instances().size() - 1;
        List<Demonstration> chosen = new ArrayList<>(Math.min(shots, others));
        for (int i : sample(others, Math.min(shots, others), random)) {
            // Indices over the instances without the scored one.
            Instance demo = task.instances().get(i < scored ? i : i + 1);
            chosen.add(new Demonstration(demo.input(), demo.target(), ""));
        }
        return chosen;
    }

    /** k distinct indices of 0..n-1 in random order (partial Fisher-Yates). */
    private static int[] sample(int n, int k, Random random) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        return Arrays.copyOf(indices, k);
    }

    private static long instanceSeed(long seed, String task, int index) {
        long h = seed * 0x9E3779B97F4A7C15L + task.hashCode();
        h = h * 0x9E3779B97F4A7C15L + index;
        // SplitMix64 finalizer: nearby seeds give unrelated streams.
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        return h ^ (h >>> 31);
    }
}
