package io.imlab.cookbook.eval;

import io.imlab.cookbook.spec.EvalSpec;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Evaluates a model on the tasks of one generalization level (OPT-IML §4.1): rank classification over
 * the candidates for accuracy tasks, greedy generation then Rouge-L or exact match for the others; the
 * level score is the mean over categories of the mean over each category's tasks.
 */
public final class Evaluator {
    private final LanguageModelScorer scorer;
    private final EvalSpec spec;
    private final EvalPromptBuilder prompts;

    public Evaluator(LanguageModelScorer scorer, EvalSpec spec) {
        this(scorer, spec, new EvalPromptBuilder());
    }

    public Evaluator(LanguageModelScorer scorer, EvalSpec spec, EvalPromptBuilder prompts) {
        this.scorer = scorer;
        this.spec = spec;
        this.prompts = prompts;
    }

    /**
     * Scores the first {@code spec.maxInstancesPerTask()} instances of each task.
     *
     * @param level label of the level, carried into the result
     * @param tasks the level's evaluation tasks; each needs at least one instance
     * @param shots demonstrations per prompt: 0 or {@code spec.shots()}
     * @param seed  fixes templates, delimiters and demonstrations
     */
    public EvaluationResult evaluate(String level, List<Task> tasks, int shots, long seed) {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("level " + level + ": no evaluation tasks");
        }
        List<TaskScore> taskScores = new ArrayList<>(tasks.size());
        List<ScoredExample> examples = new ArrayList<>();
        for (Task task : tasks) {
            if (task.instances().isEmpty()) {
                throw new IllegalArgumentException("level " + level + ", task " + task.name() + ": no instances to evaluate");
            }
            double sum = 0;
            List<EvalPrompt> taskPrompts = prompts.buildAll(task, shots, spec.maxInstancesPerTask(), seed);
            for (int i = 0; i < taskPrompts.size(); i++) {
                ScoredExample scored = score(task, task.instances().get(i), taskPrompts.get(i));
                examples.add(scored);
                sum += scored.score();
            }
            taskScores.add(new TaskScore(task.name(), task.collection(), task.category(), task.metric(),
                    taskPrompts.size(), sum / taskPrompts.size()));
        }
        Map<String, Double> categories = categoryScores(taskScores);
        return new EvaluationResult(level, shots, levelScore(categories), categories, taskScores, examples);
    }

    private ScoredExample score(Task task, Instance instance, EvalPrompt prompt) {
        String prediction;
        double score;
        switch (task.metric()) {
            case ACCURACY -> {
                if (prompt.candidates().isEmpty()) {
                    throw new IllegalArgumentException("task " + task.name() + ", instance " + instance.id()
                            + ": scored by accuracy but has no candidates");
                }
                double[] likelihoods = scorer.candidateLogLikelihoods(prompt.prompt(), prompt.candidates());
                if (likelihoods.length != prompt.candidates().size()) {
                    throw new IllegalStateException("scorer returned " + likelihoods.length + " log-likelihoods for "
                            + prompt.candidates().size() + " candidates");
                }
                prediction = instance.candidates().get(RankClassification.argmax(likelihoods));
                score = RankClassification.score(prediction, prompt.references());
            }
            case ROUGE_L -> {
                prediction = scorer.generate(prompt.prompt(), spec.maxNewTokens()).strip();
                score = RougeL.bestScore(prediction, prompt.references());
            }
            case EXACT_MATCH -> {
                prediction = scorer.generate(prompt.prompt(), spec.maxNewTokens()).strip();
                score = ExactMatch.bestScore(prediction, prompt.references());
            }
            default -> throw new IllegalStateException("unknown metric " + task.metric());
        }
        return new ScoredExample(task.name(), instance.id(), prompt.prompt(), prediction, prompt.references(), score);
    }

    /** Mean task score per category (OPT-IML §4.1 aggregates per category). */
    public static Map<String, Double> categoryScores(List<TaskScore> taskScores) {
        Map<String, double[]> sums = new TreeMap<>();
        for (TaskScore score : taskScores) {
            double[] sum = sums.computeIfAbsent(score.category(), c -> new double[2]);
            sum[0] += score.score();
            sum[1]++;
        }
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((category, sum) -> means.put(category, sum[0] / sum[1]));
        return means;
    }

    /** Mean over categories, so a category with many tasks does not dominate the level. */
    public static double levelScore(Map<String, Double> categoryScores) {
        return categoryScores.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
