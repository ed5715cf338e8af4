package io.imlab.cookbook.eval;

import io.imlab.cookbook.mixture.FormattedExample;
import io.imlab.cookbook.mixture.PromptFormatter;
import io.imlab.cookbook.task.Demonstration;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Builds 0-shot and k-shot evaluation prompts with the training {@link PromptFormatter} (OPT-IML §4.1,
 * §2.4). The k demonstrations come from the task's positive examples when it has at least k, otherwise
 * from the task's other instances (never the scored one). Template and delimiter depend only on the seed,
 * the task and the instance, so the 0-shot and k-shot prompts of an instance differ only by their
 * demonstrations, and results do not depend on task order.
 */
public final class EvalPromptBuilder {
    private final PromptFormatter formatter;

    public EvalPromptBuilder() {
        this(new PromptFormatter());
    }

    public EvalPromptBuilder(PromptFormatter formatter) {
        this.formatter = formatter;
    }

    /** Prompts for the first {@code maxInstances} instances of the task. */
    public List<EvalPrompt> buildAll(Task task, int shots, int maxInstances, long seed) {
        int count = Math.min(maxInstances, task.instances().size());
        List<EvalPrompt> prompts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            prompts.add(build(task, i, shots, seed));
        }
        return prompts;
    }

    /** The prompt for instance {@code index} of the task with {@code shots} demonstrations. */
    public EvalPrompt build(Task task, int index, int shots, long seed) {
        if (shots < 0) {
            throw new IllegalArgumentException("shots must be ≥ 0, got " + shots);
        }
        Instance instance = task.instances().get(index);
        long instanceSeed = instanceSeed(seed, task.name(), index);
        List<Demonstration> demonstrations = demonstrations(task, index, shots, new Random(~instanceSeed));
        FormattedExample formatted = formatter.format(task, instance, demonstrations, new Random(instanceSeed));
        List<String> candidates = instance.candidates().stream().map(c -> " " + c).toList();
        return new EvalPrompt(task.name(), instance.id(), formatted.source(), instance.outputs(), candidates,
                demonstrations.size());
    }

    private static List<Demonstration> demonstrations(Task task, int scored, int shots, Random random) {
        if (shots == 0) {
            return List.of();
        }
        if (task.positiveExamples().size() >= shots) {
            List<Demonstration> pool = task.positiveExamples();
            List<Demonstration> chosen = new ArrayList<>(shots);
            for (int i : sample(pool.size(), shots, random)) {
                chosen.add(pool.get(i));
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
