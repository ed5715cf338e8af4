package io.imlab.activities.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imlab.activities.ActivityFailures;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.ObjectNotFoundException;
import io.imlab.activities.store.S3Uri;
import io.imlab.cookbook.bench.BenchReader;
import io.imlab.cookbook.eval.EvalRequest;
import io.imlab.cookbook.eval.EvalRequestFiles;
import io.imlab.cookbook.eval.EvalResponse;
import io.imlab.cookbook.eval.EvaluationResult;
import io.imlab.cookbook.eval.Evaluator;
import io.imlab.cookbook.eval.LanguageModelScorer;
import io.imlab.cookbook.eval.LevelEvaluation;
import io.imlab.cookbook.eval.RecordingScorer;
import io.imlab.cookbook.eval.RequestFileScorer;
import io.imlab.cookbook.eval.ScoredExample;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cookbook.spec.EvalSpec;
import io.imlab.cookbook.spec.TokenizerSpec;
import io.imlab.cookbook.split.EvalSplit;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;
import io.imlab.trainer.Checkpoints;
import io.imlab.workflows.EvaluationActivities;
import io.imlab.workflows.payload.EvalResult;
import io.imlab.workflows.payload.EvaluateInput;
import io.imlab.workflows.payload.LevelScore;
import io.temporal.activity.Activity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Evaluates a checkpoint at the three generalization levels, 0-shot and k-shot (OPT-IML §4.1), and publishes
 * under the run's {@code eval/} folder:
 * <ul>
 *   <li>{@value #SCORES_FILE}: level scores with bootstrap intervals, every aggregation step, output-format
 *       and template/delimiter diagnostics per category, and the same for the base model when one is set;</li>
 *   <li>{@value #EXAMPLES_FILE}: every scored query (prompt, prediction, references, score);</li>
 *   <li>{@code requests.jsonl} (everything the model is asked) and {@code responses.jsonl} (its answers), the
 *       files an external inference engine reads and writes instead (see {@code docs/evaluation.md}).</li>
 * </ul>
 * With {@code evaluation.responsesUri} set, answers come from that file; when it does not exist yet, the
 * requests are written next to it and the step fails with instructions, so the rerun after the engine has
 * answered picks up from there.
 */
public final class EvaluationActivitiesImpl implements EvaluationActivities {
    public static final String FORMAT_VERSION = "imlab-eval-v2";
    public static final String SCORES_FILE = "scores.json";
    public static final String EXAMPLES_FILE = "examples.jsonl";
    static final String BASE_FORMAT_VERSION = "imlab-base-eval-v1";
    static final String BASE_FILE = "base.json";
    private static final Logger LOG = LoggerFactory.getLogger(EvaluationActivitiesImpl.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper JSON_LINE = new ObjectMapper();

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

    /** A level's tasks and the demonstration pool of its tasks' training instances. */
    private record LevelTasks(GeneralizationLevel level, List<Task> tasks, Map<String, List<Instance>> training) {
    }

    @Override
    public EvalResult evaluate(EvaluateInput input) {
        EvalSpec spec = input.evaluation();
        BenchReader bench = BenchReader.open(artifacts.fetcher().fetch(S3Uri.parse(input.bench().uri())));
        Path checkpoint = artifacts.fetcher().fetch(S3Uri.parse(input.checkpointUri()));
        List<LevelTasks> levels = levels(bench, spec, input.experiment());
        Path scratch = artifacts.newScratchDir("eval");
        try {
            Path dir = scratch.resolve("eval");
            Files.createDirectories(dir);
            List<EvalRequest> requests = requests(spec, levels);
            EvalRequestFiles.writeRequests(dir.resolve(EvalRequestFiles.REQUESTS_FILE), requests);

            Map<String, Object> scoresFile = new LinkedHashMap<>();
            scoresFile.put("format", FORMAT_VERSION);
            List<LevelScore> scores;
            try (LanguageModelScorer scorer = openMain(input, spec, checkpoint, dir, requests);
                 BufferedWriter examples = Files.newBufferedWriter(dir.resolve(EXAMPLES_FILE), StandardCharsets.UTF_8)) {
                Map<String, Object> details = new LinkedHashMap<>();
                scores = evaluateModel("trained", input, spec, levels, scorer, details, examples);
                scoresFile.put("scores", scores);
                scoresFile.put("levels", details);
                if (scorer instanceof RecordingScorer recording) {
                    EvalRequestFiles.writeResponses(dir.resolve(EvalRequestFiles.RESPONSES_FILE), recording.responses());
                }
            }
            List<LevelScore> baseScores = List.of();
            if (spec.hasBase()) {
                BaseEvaluation base = baseEvaluation(input, spec, checkpoint, levels);
                baseScores = base.scores();
                scoresFile.put("base", spec.base());
                scoresFile.put("baseScores", baseScores);
                scoresFile.put("baseLevels", base.levels());
            }
            JSON.writeValue(dir.resolve(SCORES_FILE).toFile(), scoresFile);
            String hash = ContentHash.of(FORMAT_VERSION, input.bench().hash(), input.checkpointUri(), spec);
            S3Uri out = S3Uri.parse(input.outputUri());
            artifacts.publisher().publish(dir, out, new ArtifactDescription(FORMAT_VERSION, "eval", hash,
                    "imlab Evaluate", input.runId(), Map.of("bench", input.bench().hash(), "checkpoint", input.checkpointUri())));
            return new EvalResult(out.asPrefix().toString(), scores, spec.base(), baseScores);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evaluation results for " + input.runId(), e);
        } finally {
            ArtifactServices.deleteQuietly(scratch);
        }
    }

    private static List<LevelTasks> levels(BenchReader bench, EvalSpec spec, String experiment) {
        List<LevelTasks> levels = new ArrayList<>();
        for (GeneralizationLevel level : GeneralizationLevel.values()) {
            List<Task> tasks;
            // evaluation.split picks dev (the default: the paper's ablations score validation, §4) or test
            EvalSplit split = EvalSplit.fromId(spec.split());
            try (Stream<Task> stream = bench.readEvalTasks(level, split)) {
                tasks = stream.toList();
            }
            if (tasks.isEmpty()) {
                LOG.info("[{}] no {} {} tasks in the bench; skipping that level", experiment, level.id(), split.id());
                continue;
            }
            levels.add(new LevelTasks(level, tasks, trainingPool(bench, spec, level, tasks)));
        }
        return levels;
    }

    /** Level 3 tasks are held-out instances of training tasks: their training instances can be demonstrations. */
    private static Map<String, List<Instance>> trainingPool(BenchReader bench, EvalSpec spec, GeneralizationLevel level,
                                                            List<Task> tasks) {
        if (!spec.demonstrations().equals(EvalSpec.INSTANCES) || level != GeneralizationLevel.LEVEL3) {
            return Map.of();
        }
        Set<String> names = new HashSet<>();
        tasks.forEach(t -> names.add(t.name()));
        Map<String, List<Instance>> pool = new LinkedHashMap<>();
        try (Stream<Task> train = bench.readTrainTasks()) {
            train.filter(t -> names.contains(t.name())).forEach(t -> pool.put(t.name(), t.instances()));
        }
        return pool;
    }

    private static List<EvalRequest> requests(EvalSpec spec, List<LevelTasks> levels) {
        Map<String, EvalRequest> unique = new LinkedHashMap<>();
        Evaluator planner = new Evaluator(null, spec);
        for (LevelTasks level : levels) {
            planner.requests(level.level().id(), level.tasks(), level.training()).forEach(r -> unique.putIfAbsent(r.id(), r));
        }
        return List.copyOf(unique.values());
    }

    private LanguageModelScorer openMain(EvaluateInput input, EvalSpec spec, Path checkpoint, Path dir,
                                         List<EvalRequest> requests) {
        if (!spec.external()) {
            return new RecordingScorer(scorers.open(checkpoint, input.tokenizer(), false));
        }
        S3Uri responsesUri = S3Uri.parse(spec.responsesUri());
        Map<String, EvalResponse> responses;
        try {
            responses = EvalRequestFiles.readResponses(new ByteArrayInputStream(artifacts.store().getBytes(responsesUri)),
                    responsesUri.toString());
        } catch (ObjectNotFoundException e) {
            responses = Map.of();
        }
        RequestFileScorer scorer = new RequestFileScorer(responses);
        List<EvalRequest> missing = scorer.missing(requests);
        if (!missing.isEmpty()) {
            // Put the requests beside the expected responses so the engine finds them; the rerun continues.
            S3Uri requestsUri = S3Uri.parse(siblingOf(spec.responsesUri(), EvalRequestFiles.REQUESTS_FILE));
            artifacts.store().putFile(dir.resolve(EvalRequestFiles.REQUESTS_FILE), requestsUri);
            throw ActivityFailures.configurationError("evaluation of " + input.runId() + ": " + missing.size() + " of "
                    + requests.size() + " requests have no response in " + responsesUri + "; the requests are at "
                    + requestsUri + " (format: docs/evaluation.md). Answer them with an inference engine, upload the "
                    + "responses there and run the same spec again.", null);
        }
        return scorer;
    }

    /** A base model's scores and per-level details, as stored in {@code evals/<hash>/base.json}. */
    record BaseEvaluation(List<LevelScore> scores, Map<String, Object> levels) {
    }

    /**
     * The base model's evaluation, shared through the object store: every cell of a grid with {@code base: init}
     * has the same step-0 model (same architecture and seed) and the same prompts, so it is scored once and
     * reused, keyed by everything that determines it.
     */
    private BaseEvaluation baseEvaluation(EvaluateInput input, EvalSpec spec, Path checkpoint, List<LevelTasks> levels)
            throws IOException {
        Object identity = spec.base().equals(EvalSpec.BASE_INIT)
                ? initIdentity(checkpoint)
                : spec.base();
        String hash = ContentHash.of(BASE_FORMAT_VERSION, input.bench().hash(), spec.withBase(""), identity,
                input.tokenizer());
        S3Uri prefix = S3Uri.parse(input.outputUri()).asPrefix();
        S3Uri shared = S3Uri.parse("s3://" + prefix.bucket() + "/evals/base/" + hash + "/");
        if (artifacts.publisher().readManifest(shared).isPresent()) {
            Path cached = artifacts.fetcher().fetch(shared);
            LOG.info("[{}] base {}: reusing the evaluation at {}", input.experiment(), spec.base(), shared);
            return JSON.readValue(cached.resolve(BASE_FILE).toFile(), BaseEvaluation.class);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        List<LevelScore> scores;
        try (LanguageModelScorer base = openBase(input, spec, checkpoint)) {
            scores = evaluateModel("base " + spec.base(), input, spec, levels, base, details, null);
        }
        BaseEvaluation evaluation = new BaseEvaluation(scores, details);
        Path scratch = artifacts.newScratchDir("base-eval");
        try {
            JSON.writeValue(scratch.resolve(BASE_FILE).toFile(), evaluation);
            artifacts.publisher().publish(scratch, shared, new ArtifactDescription(BASE_FORMAT_VERSION, "base-eval", hash,
                    "imlab Evaluate", input.runId(), Map.of("bench", input.bench().hash(), "base", spec.base())));
        } finally {
            ArtifactServices.deleteQuietly(scratch);
        }
        return evaluation;
    }

    /** What fixes a run's step-0 model: its architecture and seed (from the checkpoint's trainer state). */
    private static Object initIdentity(Path checkpoint) throws IOException {
        var state = JSON.readTree(checkpoint.resolve(Checkpoints.STATE).toFile());
        return Map.of("model", state.path("model"), "seed", state.path("seed").asLong());
    }

    private LanguageModelScorer openBase(EvaluateInput input, EvalSpec spec, Path checkpoint) {
        if (spec.base().equals(EvalSpec.BASE_INIT)) {
            return scorers.open(checkpoint, input.tokenizer(), true);
        }
        return scorers.open(artifacts.fetcher().fetch(S3Uri.parse(spec.base())), input.tokenizer(), false);
    }

    private static String siblingOf(String uri, String name) {
        return uri.substring(0, uri.lastIndexOf('/') + 1) + name;
    }

    private static List<LevelScore> evaluateModel(String model, EvaluateInput input, EvalSpec spec, List<LevelTasks> levels,
                                                  LanguageModelScorer scorer, Map<String, Object> details,
                                                  BufferedWriter examples) throws IOException {
        Evaluator evaluator = new Evaluator(scorer, spec);
        List<LevelScore> scores = new ArrayList<>();
        for (LevelTasks level : levels) {
            String id = level.level().id();
            LevelEvaluation evaluation = evaluator.evaluateLevel(id, level.tasks(), level.training());
            for (EvaluationResult result : evaluation.results()) {
                scores.add(new LevelScore(id, result.shots(), result.score(), level.tasks().size(), evaluation.chance(),
                        result.interval().low(), result.interval().high()));
                LOG.info("[{}] {} {} {}-shot: {} [{}, {}] (chance {}) over {} tasks", input.experiment(), model, id,
                        result.shots(), pct(result.score()), pct(result.interval().low()), pct(result.interval().high()),
                        pct(evaluation.chance()), level.tasks().size());
                if (examples != null) {
                    for (ScoredExample example : result.examples()) {
                        Map<String, Object> line = new LinkedHashMap<>();
                        line.put("level", id);
                        line.put("shots", result.shots());
                        line.put("example", example);
                        examples.write(JSON_LINE.writeValueAsString(line));
                        examples.newLine();
                    }
                }
            }
            details.put(id, EvaluationDetails.of(evaluation));
            heartbeat(model + " " + id);
        }
        return scores;
    }

    private static String pct(double value) {
        return Double.isNaN(value) ? "—" : String.format(java.util.Locale.ROOT, "%.1f", 100 * value);
    }

    private static void heartbeat(String progress) {
        Activity.getExecutionContext().heartbeat(progress);
    }

    /** Opens a scorer on a local checkpoint folder. */
    @FunctionalInterface
    public interface ScorerFactory {
        /**
         * @param checkpointDir a complete checkpoint folder
         * @param tokenizer     the tokenizer the model was trained with (the recipe's)
         * @param untrained     false: the checkpoint's weights; true: the run's step-0 weights with the
         *                      checkpoint's architecture (the {@code init} base model)
         */
        LanguageModelScorer open(Path checkpointDir, TokenizerSpec tokenizer, boolean untrained);
    }
}
