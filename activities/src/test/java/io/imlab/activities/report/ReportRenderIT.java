package io.imlab.activities.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.evaluation.EvaluationDetails;
import io.imlab.activities.store.embedded.EmbeddedS3Server;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.cookbook.eval.EvaluationResult;
import io.imlab.cookbook.eval.Evaluator;
import io.imlab.cookbook.eval.LanguageModelScorer;
import io.imlab.cookbook.eval.LevelEvaluation;
import io.imlab.cookbook.spec.EvalSpec;
import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.Template;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
import io.imlab.workflows.payload.EvalResult;
import io.imlab.workflows.payload.ExperimentReportInput;
import io.imlab.workflows.payload.ExperimentResult;
import io.imlab.workflows.payload.GridReportInput;
import io.imlab.workflows.payload.LevelScore;
import io.imlab.workflows.payload.MixtureRef;
import io.imlab.workflows.payload.ReportRef;
import io.imlab.workflows.payload.TrainResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports from real evaluation results (the cookbook {@link Evaluator} on small tasks with a stand-in model
 * of a given skill) through an in-process S3 server: the files, their content, the PNG chart, and — where
 * Debian's {@code chromium} is installed ({@code apt-get install -y chromium}) — a headless screenshot of
 * the HTML, which must show a picture, not a blank or broken page.
 */
class ReportRenderIT {
    private static final String BUCKET = "imlab-report-it";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path root;
    private static EmbeddedS3Server server;
    private static S3ObjectStore store;
    private static ArtifactServices artifacts;

    @BeforeAll
    static void start() {
        server = EmbeddedS3Server.start(root.resolve("s3"));
        store = new S3ObjectStore(server.s3Config(BUCKET), S3ObjectStore.MIN_PART_SIZE);
        store.ensureBucket(BUCKET);
        artifacts = ArtifactServices.over(store, root.resolve("local"));
    }

    @AfterAll
    static void stop() {
        store.close();
        server.close();
    }

    /** Right on a share of instances that grows with {@code skill}; chatty when it is wrong. */
    private record SkilledScorer(double skill) implements LanguageModelScorer {
        @Override
        public double[] candidateLogLikelihoods(String prompt, List<String> candidates) {
            boolean right = Math.floorMod(prompt.hashCode(), 100) < 100 * skill;
            String answer = prompt.contains("odd") ? " yes" : " no";
            return candidates.stream().mapToDouble(c -> c.equals(answer) == right ? -1 : -2).toArray();
        }

        @Override
        public String generate(String prompt, int maxNewTokens) {
            boolean right = Math.floorMod(prompt.hashCode(), 100) < 100 * skill;
            if (prompt.contains("odd") || prompt.contains("even")) {
                // A closed-label probe: the label when right, a chatty turn otherwise.
                return right ? (prompt.contains("odd") ? " yes" : " no") : " Sure! Let me think.\nUser: ok";
            }
            return right ? " the answer is here" : " Sure!\nUser: tell me more about it please";
        }
    }

    private static Task task(String name, String collection, String category, MetricKind metric, int instances) {
        List<Instance> list = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            list.add(metric == MetricKind.ACCURACY
                    ? new Instance("i" + i, (i % 2 == 1 ? "odd " : "even ") + name + " " + i, List.of(i % 2 == 1 ? "yes" : "no"),
                    List.of("yes", "no"))
                    : new Instance("i" + i, name + " input " + i, List.of("the answer is here"), List.of()));
        }
        return new Task(name, collection, category, name + "-data", InstructionStyle.INSTANCE_LEVEL, "",
                List.of(new Template("a", "{input}\nWhat is it?", true), new Template("b", "Question: {input}", true)),
                List.of(), List.of(), metric, list, Map.of());
    }

    private static final Map<String, List<Task>> LEVELS = Map.of(
            "level1", List.of(task("cause", "flan", "Cause Effect", MetricKind.ACCURACY, 16),
                    task("analogy", "promptsource", "Word Analogy", MetricKind.ROUGE_L, 12)),
            "level2", List.of(task("toxic", "supernatural", "Toxic Language", MetricKind.ACCURACY, 16),
                    task("summary", "flan", "Summarization", MetricKind.ROUGE_L, 12)),
            "level3", List.of(task("qa", "promptsource", "Question Answering", MetricKind.ACCURACY, 16),
                    task("dialogue", "flan", "Dialogue", MetricKind.EXACT_MATCH, 12)));

    /** Evaluates a stand-in model and publishes its {@code scores.json} like the Evaluate step does. */
    private static EvalResult evaluate(String run, double skill, double baseSkill) throws IOException {
        EvalSpec spec = new EvalSpec(2, 16, 8, EvalSpec.POSITIVE_EXAMPLES, false, 1, 200, 4, 4, "init", "");
        Map<String, Object> file = new LinkedHashMap<>();
        List<LevelScore> scores = new ArrayList<>();
        List<LevelScore> baseScores = new ArrayList<>();
        Map<String, Object> levels = new LinkedHashMap<>();
        Map<String, Object> baseLevels = new LinkedHashMap<>();
        for (String level : List.of("level1", "level2", "level3")) {
            collect(level, new Evaluator(new SkilledScorer(skill), spec).evaluateLevel(level, LEVELS.get(level), Map.of()),
                    scores, levels);
            collect(level, new Evaluator(new SkilledScorer(baseSkill), spec).evaluateLevel(level, LEVELS.get(level), Map.of()),
                    baseScores, baseLevels);
        }
        file.put("scores", scores);
        file.put("levels", levels);
        file.put("base", "init");
        file.put("baseScores", baseScores);
        file.put("baseLevels", baseLevels);
        String uri = "s3://" + BUCKET + "/runs/" + run + "/eval/";
        store.putBytes(JSON.writeValueAsBytes(file), S3Uri.parse(uri + "scores.json"));
        return new EvalResult(uri, scores, "init", baseScores);
    }

    private static void collect(String level, LevelEvaluation evaluation, List<LevelScore> scores, Map<String, Object> details) {
        for (EvaluationResult result : evaluation.results()) {
            scores.add(new LevelScore(level, result.shots(), result.score(), result.tasks().size(), evaluation.chance(),
                    result.interval().low(), result.interval().high()));
        }
        details.put(level, EvaluationDetails.of(evaluation));
    }

    private static TrainResult training(String run, double finalLoss) throws IOException {
        List<Map<String, Object>> history = new ArrayList<>();
        for (int step = 1; step <= 60; step++) {
            history.add(Map.of("step", step, "loss", finalLoss + 3.0 / step, "learningRate", 1e-3));
        }
        String uri = "s3://" + BUCKET + "/runs/" + run + "/checkpoints/step-60/trainer_state.json";
        store.putBytes(JSON.writeValueAsBytes(Map.of("lossHistory", history)), S3Uri.parse(uri));
        return new TrainResult("s3://" + BUCKET + "/runs/" + run + "/checkpoints/step-60/", 60, finalLoss, 1000, uri);
    }

    private static CellOutcome cell(String name, double skill) throws IOException {
        String run = "grid-it/" + name;
        ExperimentResult result = new ExperimentResult(name, run, null, null, training(run, 1 - skill / 2),
                evaluate(run, skill, 0.3), null);
        return new CellOutcome(name, Map.of("recipe.cotShare", name.substring(name.indexOf('=') + 1)), run,
                CellStatus.COMPLETED, result, null);
    }

    @Test
    void aGridReportShowsEverySectionAndRendersInABrowser() throws Exception {
        List<CellOutcome> outcomes = List.of(cell("cotShare=0", 0.55), cell("cotShare=0.01", 0.8), cell("cotShare=0.04", 0.65),
                new CellOutcome("cotShare=0.5", Map.of("recipe.cotShare", "0.5"), "grid-it/cotShare=0.5", CellStatus.FAILED,
                        null, "step train failed: out of memory"));
        ReportRef ref = new ReportActivitiesImpl(artifacts).writeGridReport(
                new GridReportInput("grid-it", outcomes, "s3://" + BUCKET + "/grids/grid-it/report/"));

        String html = new String(store.getBytes(S3Uri.parse(ref.htmlUri())), StandardCharsets.UTF_8);
        assertThat(html).contains("<table>", "L1 avg", "cotShare=0.01", "failed: step train failed", "base (init)",
                "Δ cotShare=0.01 − base", "Grid factors", "recipe.cotShare", "Per category", "Per collection",
                "Output format and verbosity", "Sensitivity to templates and delimiters", "Training loss", "<svg");
        // Self-contained: no scripts, stylesheets, images or fonts fetched from anywhere.
        assertThat(html).doesNotContain("<script", "<link", "<img", "@import", "url(");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");

        String csv = new String(store.getBytes(S3Uri.parse(ref.resultsCsvUri())), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("name,status,model,level,shots,score,ci_low,ci_high,chance,tasks,delta_vs_base\n")
                .contains("cotShare=0.01,COMPLETED,trained,level1,avg,", "cotShare=0.01,COMPLETED,base,level3,2,",
                        "cotShare=0.5,FAILED");
        var results = JSON.readTree(store.getBytes(S3Uri.parse(ref.resultsJsonUri())));
        assertThat(results.path("cells")).hasSize(4);
        assertThat(results.path("factorComparison").path("recipe.cotShare").path("0.01").path("level1/avg").isNumber()).isTrue();
        assertThat(results.path("cells").get(1).path("deltasVsBase").path("level2/avg").asDouble()).isPositive();

        BufferedImage png = ImageIO.read(new ByteArrayInputStream(store.getBytes(S3Uri.parse(ref.chartPngUri()))));
        assertThat(png.getWidth()).isEqualTo(ChartPng.WIDTH);
        assertThat(distinctColors(png)).isGreaterThan(8);

        Path page = root.resolve("grid-report.html");
        Files.writeString(page, html, StandardCharsets.UTF_8);
        Path shot = Path.of(System.getProperty("imlab.report.screenshot", root.resolve("grid-report.png").toString()));
        screenshot(page, shot);
        BufferedImage image = ImageIO.read(shot.toFile());
        assertThat(image.getHeight()).isGreaterThan(1000);
        // Tables, bars in several colours and text: a blank or unstyled error page has a handful of colours.
        assertThat(distinctColors(image)).isGreaterThan(50);
    }

    @Test
    void anExperimentReportHasItsTablesChartsAndPng() throws Exception {
        String run = "exp-it";
        ExperimentReportInput input = new ExperimentReportInput(run, ExperimentSpec.defaults("exp"),
                new BenchRef("s3://" + BUCKET + "/benches/b/", "b".repeat(64), 6, 3, 2, 2, false),
                new MixtureRef("s3://" + BUCKET + "/mixtures/m/", "m".repeat(64), 100, 25_600, Map.of(), false),
                training(run, 0.7), evaluate(run, 0.7, 0.3), "s3://" + BUCKET + "/runs/" + run + "/report/");
        ReportRef ref = new ReportActivitiesImpl(artifacts).writeExperimentReport(input);

        String html = new String(store.getBytes(S3Uri.parse(ref.htmlUri())), StandardCharsets.UTF_8);
        assertThat(html).contains("Experiment exp", "base (init)", "Δ exp − base", "Per-level scores", "Per category",
                "Cause Effect", "Sensitivity to templates and delimiters", "Training loss");
        assertThat(html).doesNotContain("Grid factors");
        assertThat(ImageIO.read(new ByteArrayInputStream(store.getBytes(S3Uri.parse(ref.chartPngUri()))))).isNotNull();
        Files.write(root.resolve("experiment.png"), store.getBytes(S3Uri.parse(ref.chartPngUri())));
        if (System.getProperty("imlab.report.chart") != null) {
            Files.write(Path.of(System.getProperty("imlab.report.chart")), store.getBytes(S3Uri.parse(ref.chartPngUri())));
        }
    }

    private static int distinctColors(BufferedImage image) {
        Set<Integer> colors = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colors.add(image.getRGB(x, y));
            }
        }
        return colors.size();
    }

    /** Debian's chromium, headless; the test is skipped (with the install line) where it is absent. */
    private static void screenshot(Path page, Path png) throws IOException, InterruptedException {
        Optional<String> browser = findBrowser();
        Assumptions.assumeTrue(browser.isPresent(),
                "no chromium on PATH: the HTML was checked, the browser rendering was skipped (apt-get install -y chromium)");
        Process process = new ProcessBuilder(browser.get(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--hide-scrollbars", "--window-size=1200," + System.getProperty("imlab.report.screenshot.height", "4000"),
                "--screenshot=" + png.toAbsolutePath(), page.toUri().toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("chromium.log").toFile()).start();
        boolean finished = process.waitFor(120, TimeUnit.SECONDS);
        if (!finished) {
            process.destroyForcibly();
        }
        assertThat(finished).as("chromium finished within 2 minutes").isTrue();
        assertThat(png).as(Files.readString(root.resolve("chromium.log"))).exists();
    }

    private static Optional<String> findBrowser() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
                if (Files.isExecutable(Path.of(dir, name))) {
                    return Optional.of(Path.of(dir, name).toString());
                }
            }
        }
        return Optional.empty();
    }
}
