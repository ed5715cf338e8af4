package io.imlab.cookbook.eval;

import io.imlab.cookbook.mixture.PromptFormatter;
import io.imlab.cookbook.spec.EvalSpec;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a model on the tasks of one generalization level (OPT-IML §4.1): rank classification over
 * the candidates for accuracy tasks (summed log-likelihood, or per byte when
 * {@link EvalSpec#lengthNormalized()}), greedy generation then Rouge-L F1 or exact match against the best
 * reference for the others; scores are aggregated in the paper's order ({@link ScoreAggregate}).
 *
 * <p>Every query the model is asked is an {@link EvalRequest} built from the prompts alone, so
 * {@link #requests} lists exactly what {@link #evaluateLevel} will ask, and an external engine's answers
 * ({@link RequestFileScorer}) give the same results as the in-process scorer would with the same numbers.
 */
public final class Evaluator {
    /** Probes of closed-label tasks generate at most this many tokens: enough to see an answer run past the label. */
    static final int PROBE_TOKENS = 16;

    private final LanguageModelScorer scorer;
    private final EvalSpec spec;
    private final EvalPromptBuilder prompts;

    public Evaluator(LanguageModelScorer scorer, EvalSpec spec) {
        this(scorer, spec, new EvalPromptBuilder(new PromptFormatter(), spec.demonstrations()));
    }

    public Evaluator(LanguageModelScorer scorer, EvalSpec spec, EvalPromptBuilder prompts) {
        this.scorer = scorer;
        this.spec = spec;
        this.prompts = prompts;
    }

    /** One query: the prompt, the scored request and, for probed closed-label instances, a generation probe. */
    private record Query(Task task, Instance instance, EvalPrompt prompt, EvalRequest request, EvalRequest probe) {
    }

    /** The shot counts a level is evaluated at: 0 and k (just 0 when k is 0). */
    public List<Integer> shotCounts() {
        return spec.shots() > 0 ? List.of(0, spec.shots()) : List.of(0);
    }

    /**
     * Evaluates one level at every shot count, with bootstrap intervals, format diagnostics and
     * template/delimiter sensitivity.
     *
     * @param level             label of the level, carried into the result
     * @param tasks             the level's evaluation tasks; each needs at least one instance
     * @param trainingInstances training instances per task name (level 3), a demonstration pool; may be empty
     */
    public LevelEvaluation evaluateLevel(String level, List<Task> tasks, Map<String, List<Instance>> trainingInstances) {
        checkTasks(level, tasks);
        List<Integer> shots = shotCounts();
        List<EvaluationResult> results = new ArrayList<>();
        Map<Integer, List<double[]>> instanceScores = new HashMap<>();
        for (int k : shots) {
            List<double[]> perTask = new ArrayList<>();
            results.add(evaluate(level, tasks, trainingInstances, k, perTask));
            instanceScores.put(k, perTask);
        }
        List<Bootstrap.TaskSample> samples = new ArrayList<>();
        for (int t = 0; t < tasks.size(); t++) {
            Map<Integer, double[]> byShots = new HashMap<>();
            for (int k : shots) {
                byShots.put(k, instanceScores.get(k).get(t));
            }
            samples.add(new Bootstrap.TaskSample(results.get(0).tasks().get(t), byShots));
        }
        Bootstrap.Result intervals = Bootstrap.intervals(samples, shots, spec.bootstrapSamples(),
                spec.seed() ^ level.hashCode());
        List<EvaluationResult> withIntervals = new ArrayList<>();
        for (int i = 0; i < shots.size(); i++) {
            int k = shots.get(i);
            withIntervals.add(results.get(i).withIntervals(intervals.level().getOrDefault(k, Interval.NONE),
                    intervals.categories().getOrDefault(k, Map.of())));
        }
        double combined = results.stream().mapToDouble(EvaluationResult::score).average().orElse(Double.NaN);

        Map<String, String> categoryOf = new HashMap<>();
        tasks.forEach(t -> categoryOf.put(t.name(), t.category()));
        Map<String, List<ScoredExample>> answersByCategory = new LinkedHashMap<>();
        List<ScoredExample> allAnswers = new ArrayList<>();
        for (EvaluationResult result : results) {
            for (ScoredExample example : result.examples()) {
                if (example.compliant() != null) {
                    answersByCategory.computeIfAbsent(categoryOf.get(example.task()), c -> new ArrayList<>()).add(example);
                    allAnswers.add(example);
                }
            }
        }
        Map<String, FormatStats> format = new LinkedHashMap<>();
        answersByCategory.forEach((category, answers) -> format.put(category, formatStats(answers)));

        List<TaskSensitivity> taskSensitivity = new ArrayList<>();
        List<double[]> instanceSpreads = new ArrayList<>();
        for (Task task : tasks) {
            sensitivity(task, taskSensitivity, instanceSpreads);
        }
        Map<String, List<Integer>> sensitivityByCategory = new LinkedHashMap<>();
        for (int i = 0; i < taskSensitivity.size(); i++) {
            sensitivityByCategory.computeIfAbsent(taskSensitivity.get(i).category(), c -> new ArrayList<>()).add(i);
        }
        Map<String, SensitivityStats> sensitivity = new LinkedHashMap<>();
        sensitivityByCategory.forEach((category, indices) ->
                sensitivity.put(category, sensitivityStats(indices, taskSensitivity, instanceSpreads)));
        List<Integer> everyTask = new ArrayList<>();
        for (int i = 0; i < taskSensitivity.size(); i++) {
            everyTask.add(i);
        }
        return new LevelEvaluation(level, withIntervals,
                ChanceBaseline.levelChance(tasks, spec.maxInstancesPerTask()), combined, intervals.combined(),
                format, formatStats(allAnswers), sensitivity, sensitivityStats(everyTask, taskSensitivity, instanceSpreads),
                taskSensitivity);
    }

    /**
     * Scores the first {@code spec.maxInstancesPerTask()} instances of each task at one shot count.
     *
     * @param level label of the level, carried into the result
     * @param tasks the level's evaluation tasks; each needs at least one instance
     * @param shots demonstrations per prompt
     * @param seed  fixes templates, delimiters and demonstrations
     */
    public EvaluationResult evaluate(String level, List<Task> tasks, int shots, long seed) {
        checkTasks(level, tasks);
        return new Evaluator(scorer, withSeed(seed), prompts).evaluate(level, tasks, Map.of(), shots, new ArrayList<>());
    }

    /** Every distinct request {@link #evaluateLevel} makes for these tasks, in the order it makes them. */
    public List<EvalRequest> requests(String level, List<Task> tasks, Map<String, List<Instance>> trainingInstances) {
        checkTasks(level, tasks);
        Map<String, EvalRequest> requests = new LinkedHashMap<>();
        for (int k : shotCounts()) {
            for (Task task : tasks) {
                for (Query query : plan(task, trainingInstances.getOrDefault(task.name(), List.of()), k)) {
                    requests.putIfAbsent(query.request().id(), query.request());
                    if (query.probe() != null) {
                        requests.putIfAbsent(query.probe().id(), query.probe());
                    }
                }
            }
        }
        for (Task task : tasks) {
            for (List<Query> variant : sensitivityPlan(task).values()) {
                variant.forEach(q -> requests.putIfAbsent(q.request().id(), q.request()));
            }
        }
        return List.copyOf(requests.values());
    }

    private EvaluationResult evaluate(String level, List<Task> tasks, Map<String, List<Instance>> trainingInstances,
                                      int shots, List<double[]> instanceScores) {
        List<TaskScore> taskScores = new ArrayList<>(tasks.size());
        List<ScoredExample> examples = new ArrayList<>();
        for (Task task : tasks) {
            List<Query> queries = plan(task, trainingInstances.getOrDefault(task.name(), List.of()), shots);
            double[] scores = new double[queries.size()];
            for (int i = 0; i < queries.size(); i++) {
                ScoredExample scored = score(queries.get(i));
                examples.add(scored);
                scores[i] = scored.score();
            }
            instanceScores.add(scores);
            taskScores.add(TaskScore.of(task, scores.length, java.util.Arrays.stream(scores).average().orElseThrow()));
        }
        ScoreAggregate aggregate = ScoreAggregate.of(taskScores);
        return new EvaluationResult(level, shots, aggregate.level(), aggregate.categories(), aggregate, Interval.NONE,
                Map.of(), taskScores, examples);
    }

    private List<Query> plan(Task task, List<Instance> trainingInstances, int shots) {
        List<EvalPrompt> taskPrompts = prompts.buildAll(task, trainingInstances, shots, spec.maxInstancesPerTask(), spec.seed());
        List<Query> queries = new ArrayList<>(taskPrompts.size());
        for (int i = 0; i < taskPrompts.size(); i++) {
            EvalPrompt prompt = taskPrompts.get(i);
            Instance instance = task.instances().get(i);
            if (task.metric() == MetricKind.ACCURACY) {
                if (prompt.candidates().isEmpty()) {
                    throw new IllegalArgumentException("task " + task.name() + ", instance " + instance.id()
                            + ": scored by accuracy but has no candidates");
                }
                // Rank classification always lands on a candidate; only a free answer shows whether the
                // model still answers in the label format (OPT-IML §4.2, the dialogue pitfall).
                EvalRequest probe = i < spec.diagnosticInstancesPerTask()
                        ? EvalRequest.generation(prompt.prompt(), Math.min(PROBE_TOKENS, spec.maxNewTokens()))
                        : null;
                queries.add(new Query(task, instance, prompt, EvalRequest.loglikelihood(prompt.prompt(), prompt.candidates()), probe));
            } else {
                queries.add(new Query(task, instance, prompt, EvalRequest.generation(prompt.prompt(), spec.maxNewTokens()), null));
            }
        }
        return queries;
    }

    /** Per variant, 0-shot queries for the task's first probed instances; empty when the diagnostic is off. */
    private Map<EvalPromptBuilder.PromptVariant, List<Query>> sensitivityPlan(Task task) {
        Map<EvalPromptBuilder.PromptVariant, List<Query>> plan = new LinkedHashMap<>();
        int probed = Math.min(spec.diagnosticInstancesPerTask(), Math.min(spec.maxInstancesPerTask(), task.instances().size()));
        List<EvalPromptBuilder.PromptVariant> variants = EvalPromptBuilder.variants(task, spec.sensitivityVariants(), spec.seed());
        if (probed == 0 || variants.size() < 2) {
            return plan;
        }
        for (EvalPromptBuilder.PromptVariant variant : variants) {
            List<Query> queries = new ArrayList<>(probed);
            for (int i = 0; i < probed; i++) {
                EvalPrompt prompt = prompts.buildVariant(task, i, variant);
                EvalRequest request = task.metric() == MetricKind.ACCURACY
                        ? EvalRequest.loglikelihood(prompt.prompt(), prompt.candidates())
                        : EvalRequest.generation(prompt.prompt(), spec.maxNewTokens());
                queries.add(new Query(task, task.instances().get(i), prompt, request, null));
            }
            plan.put(variant, queries);
        }
        return plan;
    }

    private void sensitivity(Task task, List<TaskSensitivity> tasks, List<double[]> instanceSpreads) {
        Map<EvalPromptBuilder.PromptVariant, List<Query>> plan = sensitivityPlan(task);
        if (plan.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>();
        List<Double> variantScores = new ArrayList<>();
        int probed = plan.values().iterator().next().size();
        double[] best = new double[probed];
        double[] worst = new double[probed];
        java.util.Arrays.fill(best, Double.NEGATIVE_INFINITY);
        java.util.Arrays.fill(worst, Double.POSITIVE_INFINITY);
        for (Map.Entry<EvalPromptBuilder.PromptVariant, List<Query>> variant : plan.entrySet()) {
            names.add("template " + variant.getKey().template() + ", delimiter \""
                    + variant.getKey().delimiter().replace("\n", "\\n") + "\"");
            double sum = 0;
            for (int i = 0; i < probed; i++) {
                double score = score(variant.getValue().get(i)).score();
                sum += score;
                best[i] = Math.max(best[i], score);
                worst[i] = Math.min(worst[i], score);
            }
            variantScores.add(sum / probed);
        }
        double range = variantScores.stream().mapToDouble(Double::doubleValue).max().orElseThrow()
                - variantScores.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double[] spreads = new double[probed];
        for (int i = 0; i < probed; i++) {
            spreads[i] = best[i] - worst[i];
        }
        tasks.add(new TaskSensitivity(task.name(), task.category(), names, variantScores, range));
        instanceSpreads.add(spreads);
    }

    private static SensitivityStats sensitivityStats(List<Integer> indices, List<TaskSensitivity> tasks,
                                                     List<double[]> instanceSpreads) {
        if (indices.isEmpty()) {
            return new SensitivityStats(0, 0, Double.NaN, Double.NaN, Double.NaN);
        }
        double rangeSum = 0;
        double maxRange = 0;
        double spreadSum = 0;
        int instances = 0;
        int variants = 0;
        for (int i : indices) {
            rangeSum += tasks.get(i).range();
            maxRange = Math.max(maxRange, tasks.get(i).range());
            variants = Math.max(variants, tasks.get(i).scores().size());
            for (double spread : instanceSpreads.get(i)) {
                spreadSum += spread;
                instances++;
            }
        }
        return new SensitivityStats(indices.size(), variants, rangeSum / indices.size(), maxRange, spreadSum / instances);
    }

    private static FormatStats formatStats(List<ScoredExample> answers) {
        if (answers.isEmpty()) {
            return new FormatStats(0, Double.NaN, Double.NaN);
        }
        double compliant = answers.stream().filter(ScoredExample::compliant).count();
        double verbosity = answers.stream().mapToDouble(ScoredExample::verbosity).average().orElse(Double.NaN);
        return new FormatStats(answers.size(), compliant / answers.size(), verbosity);
    }

    private ScoredExample score(Query query) {
        Task task = query.task();
        EvalPrompt prompt = query.prompt();
        List<String> references = prompt.references();
        switch (task.metric()) {
            case ACCURACY -> {
                double[] likelihoods = scorer.candidateLogLikelihoods(prompt.prompt(), prompt.candidates());
                if (likelihoods.length != prompt.candidates().size()) {
                    throw new IllegalStateException("scorer returned " + likelihoods.length + " log-likelihoods for "
                            + prompt.candidates().size() + " candidates");
                }
                double[] ranked = spec.lengthNormalized() ? RankClassification.perByte(likelihoods, prompt.candidates()) : likelihoods;
                String prediction = query.instance().candidates().get(RankClassification.argmax(ranked));
                double score = RankClassification.score(prediction, references);
                if (query.probe() == null) {
                    return new ScoredExample(task.name(), query.instance().id(), prompt.prompt(), prediction, references,
                            score, null, null, null);
                }
                String probe = scorer.generate(query.probe().prompt(), query.probe().maxNewTokens()).strip();
                return new ScoredExample(task.name(), query.instance().id(), prompt.prompt(), prediction, references, score,
                        probe, OutputFormat.LABEL.complies(probe, query.instance().candidates()),
                        OutputFormat.verbosity(probe, references));
            }
            case ROUGE_L, EXACT_MATCH -> {
                String prediction = scorer.generate(prompt.prompt(), query.request().maxNewTokens()).strip();
                double score = task.metric() == MetricKind.ROUGE_L
                        ? RougeL.bestScore(prediction, references)
                        : ExactMatch.bestScore(prediction, references);
                OutputFormat format = OutputFormat.infer(references, List.of());
                return new ScoredExample(task.name(), query.instance().id(), prompt.prompt(), prediction, references, score,
                        null, format.complies(prediction, List.of()), OutputFormat.verbosity(prediction, references));
            }
            default -> throw new IllegalStateException("unknown metric " + task.metric());
        }
    }

    private EvalSpec withSeed(long seed) {
        return new EvalSpec(spec.shots(), spec.maxInstancesPerTask(), spec.maxNewTokens(), spec.demonstrations(),
                spec.lengthNormalized(), seed, spec.bootstrapSamples(), spec.diagnosticInstancesPerTask(),
                spec.sensitivityVariants(), spec.base(), spec.responsesUri(), spec.split());
    }

    private static void checkTasks(String level, List<Task> tasks) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("level " + level + ": no evaluation tasks");
        }
        for (Task task : tasks) {
            if (task.instances().isEmpty()) {
                throw new IllegalArgumentException("level " + level + ", task " + task.name() + ": no instances to evaluate");
            }
        }
    }

    /** Mean task score per category, after the paper's earlier aggregation steps ({@link ScoreAggregate}). */
    public static Map<String, Double> categoryScores(List<TaskScore> taskScores) {
        return ScoreAggregate.of(taskScores).categories();
    }
}
