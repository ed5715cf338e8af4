package io.imlab.cookbook.bench;

import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.split.StableSeeds;
import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.Demonstration;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.Template;
import io.imlab.cookbook.task.TextExample;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Generates the built-in mini benchmark: procedural instruction tasks in the unified task model that
 * need no download. Each {@link TaskFamily} yields {@code tasksPerFamily} tasks, one per collection in
 * the family's list, phrased the way that collection phrases instructions (OPT-IML §2.2, Table 1):
 * <ul>
 *   <li>Super-NaturalInstructions: a task-level definition with positive and one negative example;</li>
 *   <li>Reasoning: a task-level definition and step-by-step targets ending "So the answer is X.";</li>
 *   <li>PromptSource (3) and FLAN (4): instance-level templates around {@code {input}};</li>
 *   <li>CrossFit, ExMix, UnifiedSKG: one hand-written instruction sentence; T5: a keyword prefix.</li>
 * </ul>
 * Variants of a family share its instances and its data source, like one dataset appearing in several
 * collections. The same spec always gives an equal bench.
 */
public final class MiniBenchGenerator {
    /** The bench name; bump it whenever generated content changes, so content-addressed caches miss. */
    public static final String NAME = "mini-v1";
    public static final String SOURCE = "mini";
    /** Demonstrations per task: enough for the paper's 5-shot evaluation (OPT-IML §4.1). */
    public static final int DEMONSTRATIONS = 5;
    /** Pools never shrink below this, so a small test spec still has non-trivial pools. */
    static final int MIN_POOL_SIZE = 50;
    private static final int DRAW_ATTEMPTS = 64;

    private final List<TaskFamily> families;

    public MiniBenchGenerator() {
        this(TaskFamilies.all());
    }

    MiniBenchGenerator(List<TaskFamily> families) {
        this.families = List.copyOf(families);
    }

    /**
     * Generates the bench described by {@code spec}.
     *
     * @throws IllegalArgumentException naming every invalid field of the spec
     */
    public Bench generate(BenchSpec spec) {
        validate(spec);
        List<Task> tasks = new ArrayList<>();
        for (TaskFamily family : families) {
            tasks.addAll(tasksOf(family, spec));
        }
        int poolSize = Math.max(MIN_POOL_SIZE, spec.instancesPerTask());
        Map<PoolKind, List<TextExample>> pools = new EnumMap<>(PoolKind.class);
        for (PoolKind kind : PoolKind.values()) {
            pools.put(kind, MiniPools.generate(kind, spec.seed(), poolSize));
        }
        return new Bench(NAME, tasks, pools);
    }

    private static void validate(BenchSpec spec) {
        List<String> problems = new ArrayList<>();
        if (!SOURCE.equals(spec.source())) {
            problems.add("bench.source: the generator builds only '" + SOURCE + "', got '" + spec.source() + "'");
        }
        if (spec.tasksPerFamily() < 1) {
            problems.add("bench.tasksPerFamily: must be ≥ 1, got " + spec.tasksPerFamily());
        }
        if (spec.instancesPerTask() < 1) {
            problems.add("bench.instancesPerTask: must be ≥ 1, got " + spec.instancesPerTask());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", problems));
        }
    }

    private List<Task> tasksOf(TaskFamily family, BenchSpec spec) {
        Set<String> seenInputs = new HashSet<>();
        // demonstrations come from their own stream and their inputs never reappear as instances, so a
        // k-shot prompt never shows an evaluation instance
        List<FamilyExample> demos = draw(family, new Random(StableSeeds.derive(spec.seed(), family.id(), "demonstrations")),
                DEMONSTRATIONS, seenInputs);
        Random random = new Random(StableSeeds.derive(spec.seed(), family.id(), "instances"));
        List<FamilyExample> examples = new ArrayList<>(draw(family, random, spec.instancesPerTask(), seenInputs));
        java.util.Collections.shuffle(examples, random);

        List<Task> tasks = new ArrayList<>();
        for (int variant = 0; variant < spec.tasksPerFamily(); variant++) {
            String collection = family.collections().get(variant % family.collections().size());
            int round = variant / family.collections().size();
            String name = collection + "_" + family.id() + (round == 0 ? "" : "_" + (round + 1));
            tasks.add(task(family, collection, name, variant, demos, examples));
        }
        return tasks;
    }

    /**
     * Draws up to {@code count} examples with inputs not seen before, cycling closed labels so that
     * classes stay balanced. Stops early when a family's input space is exhausted.
     */
    private static List<FamilyExample> draw(TaskFamily family, Random random, int count, Set<String> seenInputs) {
        List<FamilyExample> out = new ArrayList<>(count);
        int labels = Math.max(1, family.labels().size());
        for (int i = 0; i < count; i++) {
            FamilyExample example = null;
            for (int attempt = 0; attempt < DRAW_ATTEMPTS && example == null; attempt++) {
                FamilyExample candidate = family.sampler().sample(random, i % labels);
                if (seenInputs.add(candidate.input())) {
                    example = candidate;
                }
            }
            if (example == null) {
                break;
            }
            out.add(example);
        }
        return out;
    }

    private static Task task(TaskFamily family, String collection, String name, int variant,
                             List<FamilyExample> demos, List<FamilyExample> examples) {
        boolean reasoning = Collections.REASONING.equals(collection);
        if (reasoning && examples.stream().anyMatch(e -> e.rationale().isEmpty())) {
            throw new IllegalStateException("family " + family.id() + " is listed in " + collection + " but has no rationale");
        }
        InstructionStyle style = styleOf(collection);
        MetricKind metric = reasoning ? MetricKind.ROUGE_L : family.metric();
        List<String> candidates = family.closedLabel() && !reasoning ? family.labels() : List.of();

        List<Instance> instances = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            FamilyExample e = examples.get(i);
            instances.add(new Instance(String.format("%04d", i), e.input(), List.of(target(e, reasoning)), candidates));
        }
        List<Demonstration> positives = demos.stream().map(d -> new Demonstration(d.input(), target(d, reasoning), "")).toList();
        List<Demonstration> negatives = style == InstructionStyle.TASK_LEVEL && !reasoning ? negativeExample(family, demos) : List.of();

        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("generator", NAME);
        metadata.put("family", family.id());
        metadata.put("variant", Integer.toString(variant));
        return new Task(name, collection, family.category(), family.dataSource(), style, definition(family, collection),
                templates(family, collection), positives, negatives, metric, instances, metadata);
    }

    private static String target(FamilyExample e, boolean reasoning) {
        return reasoning ? e.reasoningTarget() : e.answer();
    }

    private static InstructionStyle styleOf(String collection) {
        return switch (collection) {
            case Collections.SUPER_NATURAL_INSTRUCTIONS, Collections.REASONING -> InstructionStyle.TASK_LEVEL;
            case Collections.PROMPTSOURCE, Collections.FLAN -> InstructionStyle.INSTANCE_LEVEL;
            default -> InstructionStyle.KEYWORD;
        };
    }

    private static String definition(TaskFamily family, String collection) {
        return switch (collection) {
            case Collections.SUPER_NATURAL_INSTRUCTIONS -> family.definition();
            case Collections.REASONING -> family.definition() + " Explain step by step.";
            case Collections.PROMPTSOURCE, Collections.FLAN -> "";
            // T5 prefixes the input with a task keyword ("sst2 sentence:"); CrossFit, ExMix and UnifiedSKG
            // get one hand-written sentence (OPT-IML §2.2)
            case Collections.T5 -> family.keyword() + ":";
            default -> family.question();
        };
    }

    private static List<Template> templates(TaskFamily family, String collection) {
        String q = family.question();
        if (Collections.PROMPTSOURCE.equals(collection)) {
            return List.of(
                    new Template("question_after", "{input}\n" + q, true),
                    new Template("question_before", q + "\n{input}", true),
                    new Template("labelled_input", "Input: {input}\n" + q, true));
        }
        if (Collections.FLAN.equals(collection)) {
            // FLAN lists the options of classification tasks in the prompt
            String last = family.closedLabel()
                    ? q + "\nOPTIONS: " + String.join(", ", family.labels()) + "\n{input}"
                    : "{input}\nQ: " + q;
            return List.of(
                    new Template("flan_0", "{input}\n\n" + q, true),
                    new Template("flan_1", q + "\n\n{input}", true),
                    new Template("flan_2", "Read this: {input}\n" + q, true),
                    new Template("flan_3", last, true));
        }
        return List.of();
    }

    private static List<Demonstration> negativeExample(TaskFamily family, List<FamilyExample> demos) {
        FamilyExample demo = demos.get(0);
        if (family.closedLabel()) {
            String wrong = family.labels().get((family.labels().indexOf(demo.answer()) + 1) % family.labels().size());
            return List.of(new Demonstration(demo.input(), wrong, "The answer is " + demo.answer() + ", not " + wrong + "."));
        }
        if (!demo.input().equals(demo.answer())) {
            return List.of(new Demonstration(demo.input(), demo.input(), "Copying the input does not solve the task."));
        }
        return List.of();
    }
}
