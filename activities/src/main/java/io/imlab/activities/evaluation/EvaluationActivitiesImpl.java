package io.imlab.activities.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.S3Uri;
import io.imlab.cookbook.bench.BenchReader;
import io.imlab.cookbook.eval.ChanceBaseline;
import io.imlab.cookbook.eval.EvaluationResult;
import io.imlab.cookbook.eval.Evaluator;
import io.imlab.cookbook.eval.LanguageModelScorer;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cookbook.spec.TokenizerSpec;
import io.imlab.cookbook.split.EvalSplit;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.task.Task;
import io.imlab.workflows.EvaluationActivities;
import io.imlab.workflows.payload.EvalResult;
import io.imlab.workflows.payload.EvaluateInput;
import io.imlab.workflows.payload.LevelScore;
import io.temporal.activity.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Evaluates a checkpoint at the three generalization levels, 0-shot and k-shot (OPT-IML §4.1), and publishes
 * the scores and every scored example under the run's {@code eval/} folder.
 */
public final class EvaluationActivitiesImpl implements EvaluationActivities {
    public static final String FORMAT_VERSION = "imlab-eval-v1";
    public static final String SCORES_FILE = "scores.json";
    public static final String EXAMPLES_FILE = "examples.jsonl";
    /**
     * Every cell of a grid sees the same prompts (templates, delimiters, demonstrations), so differences
     * between cells are paired comparisons, not prompt noise.
     */
    static final long PROMPT_SEED = 20221222L;
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationActivitiesImpl.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ArtifactServices artifacts;
    private final ScorerFactory scorers;

    /**
     * @param artifacts object store access
     * @param scorers   opens a scorer on a local checkpoint folder (the DJL scorer in-process)
     */
    public EvaluationActivitiesImpl(ArtifactServices artifacts, ScorerFactory scorers) {
        this.artifacts = artifacts;
        this.scorers = scorers;
    }

    @Override
    public EvalResult evaluate(EvaluateInput input) {
        BenchReader bench = BenchReader.open(artifacts.fetcher().fetch(S3Uri.parse(input.bench().uri())));
        Path checkpoint = artifacts.fetcher().fetch(S3Uri.parse(input.checkpointUri()));
        int k = input.evaluation().shots();
        List<Integer> shotCounts = k > 0 ? List.of(0, k) : List.of(0);
        List<LevelScore> scores = new ArrayList<>();
        Map<String, Object> details = new LinkedHashMap<>();
        Path scratch = artifacts.newScratchDir("eval");
        try {
            Path dir = scratch.resolve("eval");
            Files.createDirectories(dir);
            try (LanguageModelScorer scorer = scorers.open(checkpoint, input.tokenizer());
                 BufferedWriter examples = Files.newBufferedWriter(dir.resolve(EXAMPLES_FILE), StandardCharsets.UTF_8)) {
                Evaluator evaluator = new Evaluator(scorer, input.evaluation());
                // evaluation.split picks dev (the default: the paper's ablations score validation, §4) or test
                EvalSplit split = EvalSplit.fromId(input.evaluation().split());
                for (GeneralizationLevel level : GeneralizationLevel.values()) {
                    List<Task> tasks;
                    try (Stream<Task> stream = bench.readEvalTasks(level, split)) {
                        tasks = stream.toList();
                    }
                    if (tasks.isEmpty()) {
                        LOG.info("[{}] no {} {} tasks in the bench; skipping that level", input.experiment(), level.id(), split.id());
                        continue;
                    }
                    double chance = ChanceBaseline.levelChance(tasks, input.evaluation().maxInstancesPerTask());
                    for (int shots : shotCounts) {
                        EvaluationResult result = evaluator.evaluate(level.id(), tasks, shots, PROMPT_SEED);
                        scores.add(new LevelScore(level.id(), shots, result.score(), tasks.size(), chance));
                        details.put(level.id() + "/" + shots + "-shot", Map.of(
                                "score", result.score(), "chance", chance,
                                "categories", result.categoryScores(), "tasks", result.tasks()));
                        for (var example : result.examples()) {
                            Map<String, Object> line = new LinkedHashMap<>();
                            line.put("level", level.id());
                            line.put("shots", shots);
                            line.put("example", example);
                            examples.write(JSON.copy().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(line));
                            examples.newLine();
                        }
                        LOG.info("[{}] {} {}-shot: {} (chance {}) over {} tasks", input.experiment(), level.id(), shots,
                                String.format("%.3f", result.score()), String.format("%.3f", chance), tasks.size());
                        heartbeat(level.id() + "/" + shots);
                    }
                }
            }
            JSON.writeValue(dir.resolve(SCORES_FILE).toFile(), Map.of("scores", scores, "details", details));
            String hash = ContentHash.of(FORMAT_VERSION, input.bench().hash(), input.checkpointUri(), input.evaluation());
            S3Uri out = S3Uri.parse(input.outputUri());
            artifacts.publisher().publish(dir, out, new ArtifactDescription(FORMAT_VERSION, "eval", hash,
                    "imlab Evaluate", input.runId(), Map.of("bench", input.bench().hash(), "checkpoint", input.checkpointUri())));
            return new EvalResult(out.asPrefix().toString(), scores);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evaluation results for " + input.runId(), e);
        } finally {
            ArtifactServices.deleteQuietly(scratch);
        }
    }

    private static void heartbeat(String progress) {
        Activity.getExecutionContext().heartbeat(progress);
    }

    /** Opens a scorer on a local checkpoint folder, encoding with the tokenizer the model was trained with. */
    @FunctionalInterface
    public interface ScorerFactory {
        LanguageModelScorer open(Path checkpointDir, TokenizerSpec tokenizer);
    }
}
