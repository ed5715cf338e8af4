package io.imlab.cookbook.eval;

import io.imlab.cookbook.mixture.PromptFormatter;
import io.imlab.cookbook.mixture.TaskFixtures;
import io.imlab.cookbook.spec.EvalSpec;
import io.imlab.cookbook.task.Demonstration;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EvaluatorTest {

    /**
     * A deterministic stand-in for a model: always ranks the candidate " yes" highest, and generates
     * "the cat is on the mat" for prompts about cats, "The answer." otherwise.
     */
    private static final class FakeScorer implements LanguageModelScorer {
        final List<List<String>> candidateCalls = new ArrayList<>();
        final List<Integer> maxNewTokens = new ArrayList<>();

        @Override
        public double[] candidateLogLikelihoods(String prompt, List<String> candidates) {
            candidateCalls.add(candidates);
            return candidates.stream().mapToDouble(c -> c.equals(" yes") ? -1.0 : -2.0).toArray();
        }

        @Override
        public String generate(String prompt, int maxNewTokens) {
            this.maxNewTokens.add(maxNewTokens);
            return prompt.contains("cat") ? " the cat is on the mat" : " The answer.";
        }
    }

    private static Instance choice(String id, String answer) {
        return new Instance(id, "statement " + id, List.of(answer), List.of("yes", "no"));
    }

    private static Instance generation(String id, String input, String reference) {
        return new Instance(id, input, List.of(reference), List.of());
    }

    // Category "nli": an accuracy task (0.5) and a Rouge-L task (0.875); category "qa": exact match (0.5).
    private static final Task ACCURACY_TASK = TaskFixtures.withMetric(
            TaskFixtures.keyword("entail", "crossfit", "nli", "Does it follow?", 1), MetricKind.ACCURACY,
            List.of(choice("a", "yes"), choice("b", "yes"), choice("c", "no"), choice("d", "no")));
    private static final Task ROUGE_TASK = TaskFixtures.withMetric(
            TaskFixtures.taskLevel("describe", "supernatural", "nli", "Describe the cat.", 1), MetricKind.ROUGE_L,
            List.of(generation("r1", "picture 1", "the cat sat on the mat"),
                    generation("r2", "picture 2", "The cat is on the mat.")));
    private static final Task EXACT_TASK = TaskFixtures.withMetric(
            TaskFixtures.instanceLevel("lookup", "flan", "qa", List.of("Find: {input}"), 1), MetricKind.EXACT_MATCH,
            List.of(generation("e1", "q1", "answer"), generation("e2", "q2", "other")));

    @Test
    void scoresEachMetricAndAggregatesOverCategoriesThenTasks() {
        FakeScorer scorer = new FakeScorer();
        Evaluator evaluator = new Evaluator(scorer, new EvalSpec(2, 250, 32));

        EvaluationResult result = evaluator.evaluate("fully-held-out", List.of(ACCURACY_TASK, ROUGE_TASK, EXACT_TASK), 0, 7);

        assertThat(result.tasks()).extracting(TaskScore::task).containsExactly("entail", "describe", "lookup");
        // Accuracy: the fake always picks "yes"; 2 of 4 references are "yes" -> 0.5.
        assertThat(result.tasks().get(0).score()).isEqualTo(0.5);
        assertThat(result.tasks().get(0).n()).isEqualTo(4);
        // Rouge-L of "the cat is on the mat" (rouge_score tokens, articles kept): 5/6 against "the cat sat on
        // the mat" (LCS the-cat-on-the-mat = 5 of 6), 1.0 against itself -> (5/6 + 1) / 2 = 11/12.
        assertThat(result.tasks().get(1).score()).isCloseTo(11.0 / 12, within(1e-12));
        // Exact match of "The answer.": 1 against "answer", 0 against "other" -> 0.5.
        assertThat(result.tasks().get(2).score()).isEqualTo(0.5);
        // Every task has its own data source, so: nli = (0.5 + 11/12) / 2 = 17/24, qa = 0.5;
        // level = (17/24 + 1/2) / 2 = 29/48 (the mean over tasks would be 23/36: categories, not tasks, weigh equally).
        assertThat(result.categoryScores()).containsOnlyKeys("nli", "qa");
        assertThat(result.categoryScores().get("nli")).isCloseTo(17.0 / 24, within(1e-12));
        assertThat(result.score()).isCloseTo(29.0 / 48, within(1e-12));

        assertThat(scorer.candidateCalls).hasSize(4).allSatisfy(c -> assertThat(c).containsExactly(" yes", " no"));
        // 4 generations at the spec's limit, and a 16-token format probe for each closed-label instance.
        assertThat(scorer.maxNewTokens).hasSize(8).containsOnly(16, 32);
        assertThat(scorer.maxNewTokens.stream().filter(n -> n == 16)).hasSize(4);
        assertThat(result.examples()).hasSize(8);
        ScoredExample first = result.examples().get(0);
        assertThat(first.prediction()).isEqualTo("yes");
        assertThat(first.prompt()).startsWith("Does it follow?\nstatement a");
        assertThat(result.examples().get(4).prediction()).isEqualTo("the cat is on the mat");
        // The probe answered "The answer." instead of a label: not compliant, 2 words for a 1-word label.
        assertThat(first.probe()).isEqualTo("The answer.");
        assertThat(first.compliant()).isFalse();
        assertThat(first.verbosity()).isEqualTo(2.0);
        // "the cat is on the mat" is one line like its references, and exactly as long as them.
        assertThat(result.examples().get(4).compliant()).isTrue();
        assertThat(result.examples().get(4).verbosity()).isEqualTo(1.0);
    }

    @Test
    void capsInstancesPerTask() {
        Evaluator evaluator = new Evaluator(new FakeScorer(), new EvalSpec(0, 3, 16));
        EvaluationResult result = evaluator.evaluate("l", List.of(ACCURACY_TASK), 0, 1);

        // The first 3 instances: yes, yes, no -> 2/3.
        assertThat(result.tasks().get(0).n()).isEqualTo(3);
        assertThat(result.score()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void fewShotUsesOtherInstancesWhenPositiveExamplesAreTooFew() {
        Task task = TaskFixtures.taskLevel("t", "supernatural", "qa", "Do it.", 5);
        EvalPromptBuilder builder = new EvalPromptBuilder();

        for (int scored = 0; scored < 5; scored++) {
            EvalPrompt prompt = builder.build(task, scored, 3, 99);
            String scoredInput = task.instances().get(scored).input();
            assertThat(prompt.shots()).isEqualTo(3);
            // The scored input appears once, as the final example; three other inputs precede it with outputs.
            assertThat(prompt.prompt().split(scoredInput, -1)).hasSize(2);
            long demos = task.instances().stream().filter(i -> !i.input().equals(scoredInput))
                    .filter(i -> prompt.prompt().contains(i.input())).count();
            assertThat(demos).isEqualTo(3);
            assertThat(prompt.prompt()).startsWith("Definition: Do it.\n\nInput: in-t-");
        }
    }

    @Test
    void fewShotPrefersPositiveExamplesAndKeepsTheZeroShotFormatting() {
        Task task = TaskFixtures.withPositives(TaskFixtures.instanceLevel("t", "flan", "qa",
                        List.of("A {input}", "B {input}", "C {input}"), 4),
                List.of(new Demonstration("p1", "o1", ""), new Demonstration("p2", "o2", ""),
                        new Demonstration("p3", "o3", "")));
        EvalPromptBuilder builder = new EvalPromptBuilder();

        for (int i = 0; i < 4; i++) {
            EvalPrompt zeroShot = builder.build(task, i, 0, 5);
            EvalPrompt twoShot = builder.build(task, i, 2, 5);
            assertThat(zeroShot.shots()).isZero();
            assertThat(twoShot.shots()).isEqualTo(2);
            assertThat(twoShot.prompt()).endsWith("\n\n" + zeroShot.prompt());
            assertThat(twoShot.prompt()).doesNotContain("in-t-" + ((i + 1) % 4));
            assertThat(twoShot.prompt().split("p[123]", -1)).hasSize(3);
        }
        assertThat(builder.build(task, 0, 2, 5)).isEqualTo(builder.build(task, 0, 2, 5));
        assertThat(PromptFormatter.DELIMITERS).anyMatch(d -> builder.build(task, 0, 0, 5).prompt().endsWith(d));
    }
}
