package io.imlab.cookbook.mixture;

import io.imlab.cookbook.spec.MetaIclSpec;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Draws an endless, seeded stream of training examples according to a {@link MixturePlan} (OPT-IML
 * §3.3, §4.2; metaseq {@code opt_instruct}): each draw picks a pool or a task with the plan's share,
 * then the next instance of that task (each instance once per pass, in a fresh random order per pass),
 * formatted with a template and delimiter drawn for that one example (§4.1 prompt mixing).
 *
 * <p>Memory grows with the number of tasks, not with the number of examples drawn. The same tasks,
 * pools and recipe give the same stream. Not thread-safe.
 */
public final class MixtureSampler implements Iterator<MixtureExample> {
    private final MixturePlan plan;
    private final PromptFormatter formatter;
    private final Random random;
    private final List<Source> sources = new ArrayList<>();
    private final double[] cumulative;
    /** guide[b]: a first guess at the source for draws in the b-th of {@code guide.length} equal slices of the total. */
    private final int[] guide;
    private final MetaIclSpec metaIcl;
    private final ZipfShots shots;

    /** One thing a draw can land on: a task or a pool, each with its own pass order. */
    private record Source(Task task, List<TextExample> pool, ExampleKind kind, ShuffledCycle order) {
    }

    public MixtureSampler(List<Task> tasks, Map<PoolKind, List<TextExample>> pools, RecipeSpec recipe) {
        this(MixturePlan.of(tasks, pools, recipe), pools, recipe.seed(), new PromptFormatter(), recipe.metaIcl());
    }

    /** A sampler without MetaICL demonstrations. */
    public MixtureSampler(MixturePlan plan, Map<PoolKind, List<TextExample>> pools, long seed, PromptFormatter formatter) {
        this(plan, pools, seed, formatter, MetaIclSpec.defaults());
    }

    /**
     * @param metaIcl demonstrations per task example (OPT-IML Table 8); {@code maxShots = 0} for none
     */
    public MixtureSampler(MixturePlan plan, Map<PoolKind, List<TextExample>> pools, long seed, PromptFormatter formatter,
                          MetaIclSpec metaIcl) {
        this.metaIcl = metaIcl;
        this.shots = metaIcl.enabled() ? new ZipfShots(metaIcl.maxShots(), metaIcl.zipfA()) : null;
        this.plan = plan;
        this.formatter = formatter;
        this.random = new SequentialRandom(seed);
        List<Double> weights = new ArrayList<>();
        for (PoolKind pool : PoolKind.values()) {
            ExampleKind kind = ExampleKind.of(pool);
            double share = plan.kindShares().getOrDefault(kind, 0.0);
            if (share > 0) {
                List<TextExample> examples = List.copyOf(pools.get(pool));
                sources.add(new Source(null, examples, kind, new ShuffledCycle(examples.size(), random)));
                weights.add(share);
            }
        }
        for (MixturePlan.WeightedTask weighted : plan.tasks()) {
            if (weighted.share() > 0) {
                Task task = weighted.task();
                sources.add(new Source(task, null, ExampleKind.TASK, new ShuffledCycle(task.instances().size(), random)));
                weights.add(weighted.share());
            }
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("the mixture has nothing to sample: every share is 0");
        }
        cumulative = new double[weights.size()];
        double sum = 0;
        for (int i = 0; i < cumulative.length; i++) {
            sum += weights.get(i);
            cumulative[i] = sum;
        }
        guide = guide(cumulative);
    }

    /**
     * A pool example with a source (chain of thought) is joined like a task example, metaseq's
     * {@code src + " " + tgt}; with an empty source the whole text is the target (OPT-IML Table 6).
     */
    static String poolTarget(TextExample example) {
        String target = example.target();
        if (example.source().isEmpty() || Character.isWhitespace(target.charAt(0))) {
            return target;
        }
        return " " + target;
    }

    public MixturePlan plan() {
        return plan;
    }

    /** Always true: the stream is endless; the caller decides when it has enough. */
    @Override
    public boolean hasNext() {
        return true;
    }

    @Override
    public MixtureExample next() {
        double u = random.nextDouble() * cumulative[cumulative.length - 1];
        Source source = sources.get(Math.min(sourceAt(cumulative, guide, u), sources.size() - 1));
        int item = source.order().next(random);
        if (source.task() == null) {
            TextExample example = source.pool().get(item);
            return new MixtureExample(example.source(), poolTarget(example), source.kind(), "", "", "");
        }
        Task task = source.task();
        Instance instance = task.instances().get(item);
        if (shots == null) {
            FormattedExample formatted = formatter.format(task, instance, random);
            return new MixtureExample(formatted.source(), formatted.target(), ExampleKind.TASK,
                    task.name(), task.collection(), task.category(), 0);
        }
        List<Instance> demonstrations = demonstrations(task, item, shots.draw(random));
        FormattedExample formatted = formatter.formatMetaIcl(task, instance, demonstrations,
                metaIcl.lossOnDemonstrations(), random);
        return new MixtureExample(formatted.source(), formatted.target(), ExampleKind.TASK,
                task.name(), task.collection(), task.category(), demonstrations.size());
    }

    /** The guide table of {@link #sourceAt}: for each of twice as many equal slices as sources, the first source reaching past the slice's start. */
    static int[] guide(double[] cumulative) {
        double total = cumulative[cumulative.length - 1];
        int[] guide = new int[2 * cumulative.length];
        for (int b = 0, i = 0; b < guide.length; b++) {
            double lower = total * b / guide.length;
            while (i < cumulative.length - 1 && cumulative[i] <= lower) {
                i++;
            }
            guide[b] = i;
        }
        return guide;
    }

    /**
     * What {@code Arrays.binarySearch(cumulative, u)} makes of a draw (the index after an exact match, else
     * the insertion point: the first entry above {@code u}), in about one step: the guide table points near
     * the answer and a short walk settles it. A binary search over many tasks mispredicts a branch per
     * level, which was a tenth of an example's cost with the byte tokenizer.
     */
    static int sourceAt(double[] cumulative, int[] guide, double u) {
        int b = (int) (u / cumulative[cumulative.length - 1] * guide.length);
        int index = guide[Math.max(0, Math.min(b, guide.length - 1))];
        // The table is a guess (rounding may put u in a neighbouring slice): walk to the exact answer.
        while (index > 0 && cumulative[index - 1] > u) {
            index--;
        }
        while (index < cumulative.length && cumulative[index] <= u) {
            index++;
        }
        if (index > 0 && cumulative[index - 1] == u) {
            // u on a boundary: binarySearch's own answer, which differs only when equal sums repeat.
            index = Arrays.binarySearch(cumulative, u) + 1;
        }
        return index;
    }

    /** k distinct other instances of the task, drawn at random (fewer when the task is small). */
    private List<Instance> demonstrations(Task task, int exclude, int k) {
        int others = task.instances().size() - 1;
        int count = Math.min(k, others);
        List<Instance> chosen = new ArrayList<>(count);
        int[] picked = new int[count];
        for (int n = 0; n < count; n++) {
            int index;
            boolean repeat;
            do {
                index = random.nextInt(others);
                index = index >= exclude ? index + 1 : index;
                repeat = false;
                for (int j = 0; j < n; j++) {
                    repeat |= picked[j] == index;
                }
            } while (repeat);
            picked[n] = index;
            chosen.add(task.instances().get(index));
        }
        return chosen;
    }
}
