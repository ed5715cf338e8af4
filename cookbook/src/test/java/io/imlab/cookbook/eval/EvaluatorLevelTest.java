package io.imlab.cookbook.eval;

import io.imlab.cookbook.mixture.PromptFormatter;
import io.imlab.cookbook.mixture.TaskFixtures;
import io.imlab.cookbook.spec.EvalSpec;
import io.imlab.cookbook.task.Demonstration;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvaluatorLevelTest {
    /**
     * A stand-in model that is right only when the prompt ends with the " A:" or "\nA:" delimiter: a
     * deterministic kind of template fragility. It answers chattily when generating freely.
     */
    private static final class DelimiterSensitiveScorer implements LanguageModelScorer {
        int calls;

        @Override
        public double[] candidateLogLikelihoods(String prompt, List<String> candidates) {
            calls++;
            boolean right = prompt.endsWith("A:");
            String answer = prompt.contains("odd") ? " yes" : " no";
            return candidates.stream().mapToDouble(c -> c.equals(answer) == right ? -1.0 : -2.0).toArray();
        }

        @Override
        public String generate(String prompt, int maxNewTokens) {
            calls++;
            return prompt.endsWith("A:") ? " out" : " Well, let me think.\nUser: and then?";
        }
    }

    private static Instance choice(int i) {
        return new Instance("c" + i, (i % 2 == 1 ? "odd " : "even ") + i, List.of(i % 2 == 1 ? "yes" : "no"), List.of("yes", "no"));
    }

    private static List<Instance> choices(int count) {
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instances.add(choice(i));
        }
        return instances;
    }

    private static final Task CLASSIFY = TaskFixtures.withMetric(
            TaskFixtures.instanceLevel("classify", "flan", "nli", List.of("{input}\nOdd?", "Odd? {input}", "Is it odd: {input}"), 1),
            MetricKind.ACCURACY, choices(12));
    private static final Task GENERATE = TaskFixtures.withMetric(
            TaskFixtures.keyword("echo", "t5", "qa", "echo:", 1), MetricKind.ROUGE_L,
            List.of(new Instance("g0", "a", List.of("out"), List.of()), new Instance("g1", "b", List.of("out"), List.of()),
                    new Instance("g2", "c", List.of("out"), List.of())));

    private static EvalSpec spec(int diagnostics, int variants, boolean normalized) {
        return new EvalSpec(2, 12, 8, EvalSpec.POSITIVE_EXAMPLES, normalized, 5, 300, diagnostics, variants, "", "");
    }

    @Test
    void evaluatesBothShotCountsWithIntervalsDiagnosticsAndSensitivity() {
        Evaluator evaluator = new Evaluator(new DelimiterSensitiveScorer(), spec(4, 8, false));

        LevelEvaluation level = evaluator.evaluateLevel("level1", List.of(CLASSIFY, GENERATE), Map.of());

        assertThat(level.results()).extracting(EvaluationResult::shots).containsExactly(0, 2);
        assertThat(level.combined()).isCloseTo((level.results().get(0).score() + level.results().get(1).score()) / 2, within(1e-12));
        for (EvaluationResult result : level.results()) {
            assertThat(result.interval().defined()).isTrue();
            assertThat(result.interval().low()).isLessThanOrEqualTo(result.score());
            assertThat(result.interval().high()).isGreaterThanOrEqualTo(result.score());
            assertThat(result.categoryIntervals()).containsOnlyKeys("nli", "qa");
        }
        assertThat(level.combinedInterval().defined()).isTrue();
        assertThat(level.chance()).isCloseTo(0.25, within(1e-12)); // nli 1/2, qa (generation) 0

        // Right (and terse) exactly when the drawn delimiter ends in "A:": compliance equals the share of such prompts.
        FormatStats qa = level.format().get("qa");
        assertThat(qa.answers()).isEqualTo(6);
        long terse = level.results().stream().flatMap(r -> r.examples().stream())
                .filter(e -> e.task().equals("echo") && e.prompt().endsWith("A:")).count();
        assertThat(qa.compliance()).isCloseTo(terse / 6.0, within(1e-12));
        assertThat(level.format().get("nli").answers()).isEqualTo(8); // 4 probed instances x 2 shot counts

        // 8 variants cycle the 8 delimiters, two of which end in "A:": every probed instance is right under
        // some variants and wrong under others, so the spread is 1; each task's variant scores range 0..1.
        SensitivityStats nli = level.sensitivity().get("nli");
        assertThat(nli.tasks()).isEqualTo(1);
        assertThat(nli.variants()).isEqualTo(8);
        assertThat(nli.meanInstanceSpread()).isEqualTo(1.0);
        assertThat(nli.meanTaskRange()).isEqualTo(1.0);
        TaskSensitivity classify = level.taskSensitivity().get(0);
        assertThat(classify.variants()).hasSize(8).doesNotHaveDuplicates();
        assertThat(classify.variants().stream().map(v -> v.substring(0, v.indexOf(','))).distinct()).hasSize(3);
        assertThat(level.sensitivityOverall().tasks()).isEqualTo(2);
    }

    @Test
    void requestsListExactlyWhatTheEvaluationAsksAndResponsesReplayIt(@TempDir Path dir) {
        EvalSpec spec = spec(3, 4, false);
        List<Task> tasks = List.of(CLASSIFY, GENERATE);
        RecordingScorer recording = new RecordingScorer(new DelimiterSensitiveScorer());
        LevelEvaluation direct = new Evaluator(recording, spec).evaluateLevel("level2", tasks, Map.of());

        List<EvalRequest> requests = new Evaluator(null, spec).requests("level2", tasks, Map.of());
        assertThat(requests).extracting(EvalRequest::id).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(recording.responses().stream().map(EvalResponse::id).toList());

        EvalRequestFiles.writeRequests(dir.resolve(EvalRequestFiles.REQUESTS_FILE), requests);
        EvalRequestFiles.writeResponses(dir.resolve(EvalRequestFiles.RESPONSES_FILE), recording.responses());
        assertThat(EvalRequestFiles.readRequests(dir.resolve(EvalRequestFiles.REQUESTS_FILE))).isEqualTo(requests);
        RequestFileScorer replay = RequestFileScorer.read(dir.resolve(EvalRequestFiles.RESPONSES_FILE));
        assertThat(replay.missing(requests)).isEmpty();

        LevelEvaluation replayed = new Evaluator(replay, spec).evaluateLevel("level2", tasks, Map.of());
        assertThat(replayed).isEqualTo(direct);

        RequestFileScorer partial = new RequestFileScorer(Map.of());
        assertThat(partial.missing(requests)).hasSize(requests.size());
        assertThatThrownBy(() -> new Evaluator(partial, spec).evaluateLevel("level2", tasks, Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no response for request");
    }

    @Test
    void aRequestIdIsItsContent() {
        EvalRequest request = EvalRequest.loglikelihood("Q: 1+1\nA:", List.of(" 2", " 3"));
        assertThat(request).isEqualTo(EvalRequest.loglikelihood("Q: 1+1\nA:", List.of(" 2", " 3")));
        assertThat(request.id()).isNotEqualTo(EvalRequest.loglikelihood("Q: 1+1\nA:", List.of(" 3", " 2")).id());
        assertThat(request.id()).isNotEqualTo(EvalRequest.generation("Q: 1+1\nA:", 8).id());
        assertThatThrownBy(() -> new EvalRequest("forged", EvalRequest.GENERATE, "p", List.of(), 8))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not match its content");
    }

    @Test
    void lengthNormalizationRanksByLogLikelihoodPerByte() {
        // " yes" (4 bytes) -3.0 = -0.75 per byte; " no" (3 bytes) -2.7 = -0.9 per byte.
        LanguageModelScorer scorer = new LanguageModelScorer() {
            public double[] candidateLogLikelihoods(String prompt, List<String> candidates) {
                return candidates.stream().mapToDouble(c -> c.equals(" yes") ? -3.0 : -2.7).toArray();
            }

            public String generate(String prompt, int maxNewTokens) {
                return "";
            }
        };
        Task task = TaskFixtures.withMetric(TaskFixtures.keyword("t", "t5", "c", "q:", 1), MetricKind.ACCURACY,
                List.of(new Instance("i", "x", List.of("yes"), List.of("yes", "no"))));
        assertThat(new Evaluator(scorer, spec(0, 0, false)).evaluate("l", List.of(task), 0, 1).examples().get(0).prediction())
                .isEqualTo("no");
        assertThat(new Evaluator(scorer, spec(0, 0, true)).evaluate("l", List.of(task), 0, 1).examples().get(0).prediction())
                .isEqualTo("yes");
        assertThat(RankClassification.perByte(new double[] {-3.0, -2.7}, List.of(" yes", " no")))
                .containsExactly(-0.75, -0.9);
    }

    @Test
    void demonstrationsFromInstancesUseTheTasksTrainingInstances() {
        Task task = TaskFixtures.withPositives(TaskFixtures.taskLevel("t", "supernatural", "qa", "Do it.", 4),
                List.of(new Demonstration("pos-1", "o1", ""), new Demonstration("pos-2", "o2", "")));
        List<Instance> training = TaskFixtures.instances("train", 6);

        EvalPromptBuilder fromPositives = new EvalPromptBuilder(new PromptFormatter(), EvalSpec.POSITIVE_EXAMPLES);
        EvalPromptBuilder fromInstances = new EvalPromptBuilder(new PromptFormatter(), EvalSpec.INSTANCES);
        String positives = fromPositives.build(task, training, 0, 2, 3).prompt();
        String instances = fromInstances.build(task, training, 0, 2, 3).prompt();

        assertThat(positives).contains("pos-1", "pos-2").doesNotContain("in-train-");
        assertThat(instances).doesNotContain("pos-").contains("in-train-");
        // Task-level instructions: the definition first, then the demonstrations, then the scored input (OPT-IML §2.4).
        assertThat(instances).startsWith("Definition: Do it.\n\nInput: in-train-");
        assertThat(instances.indexOf("in-train-")).isLessThan(instances.indexOf("in-t-0"));
        // Without training instances (levels 1 and 2) the task's other evaluation instances are used.
        String others = fromInstances.build(task, List.of(), 0, 2, 3).prompt();
        assertThat(others).doesNotContain("pos-").containsPattern("in-t-[123]");
    }
}
