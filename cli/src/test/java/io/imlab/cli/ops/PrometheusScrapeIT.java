package io.imlab.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.uber.m3.tally.Scope;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.metrics.ActivityMetricsInterceptor;
import io.imlab.activities.metrics.ImlabMetrics;
import io.imlab.activities.metrics.PrometheusEndpoint;
import io.imlab.activities.metrics.TrainingProgressMetrics;
import io.imlab.cli.run.WorkflowInputs;
import io.imlab.cli.runtime.EmbeddedRuntime;
import io.imlab.cli.runtime.EmbeddedRuntimeOptions;
import io.imlab.cli.runtime.TinySpecs;
import io.imlab.cli.runtime.WorkerRegistration;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.workflows.AblationGridWorkflow;
import io.imlab.workflows.ExperimentWorkflow;
import io.imlab.workflows.TaskQueues;
import io.imlab.workflows.metrics.MetricCatalogue;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.GridInput;
import io.imlab.workflows.payload.GridResult;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's {@code prometheus} scrapes a worker wired like {@code imlab worker} (catalogue metrics, Temporal SDK
 * metrics, the activity interceptor, the training progress sink) while it runs a real two-cell grid and one
 * experiment with a bad spec; then every dashboard panel query and every alert expression in {@code dashboards/}
 * runs through Prometheus' HTTP API and must return data. Only series of exporters imlab does not run (NVIDIA
 * DCGM) are exempt, and the test prints which panels those are. Skipped when {@code prometheus} is not on the PATH.
 */
class PrometheusScrapeIT {

    private static final Path DASHBOARDS = Path.of("..", "dashboards");
    private static final Pattern SELECTOR = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{[^}]*})?");
    /** Grafana's template variables, as a short run on a 1 s scrape interval needs them. */
    private static final Map<String, String> VARIABLES = Map.of(
            "$__rate_interval", "15s", "$__range", "30m", "$grid", ".+", "$experiment", ".+");

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path state;

    @Test
    void everyDashboardQueryAndAlertExpressionReturnsDataFromAScrapedWorker() throws Exception {
        Path prometheusBinary = onPath("prometheus");
        Assumptions.assumeTrue(prometheusBinary != null, "prometheus is not on the PATH (apt-get install prometheus)");
        Instant testStart = Instant.now().minusSeconds(5);

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        Scope temporalScope = ImlabMetrics.temporalMetricsScope(registry, Duration.ofSeconds(1));
        ImlabMetrics metrics = new ImlabMetrics(registry);
        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(new EmbeddedRuntimeOptions(state.resolve("s3"), "imlab"));
             PrometheusEndpoint endpoint = PrometheusEndpoint.start(registry, "127.0.0.1", 0)) {
            WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(runtime.temporalTarget()).setMetricsScope(temporalScope).build());
            WorkflowClient client = WorkflowClient.newInstance(stubs);
            WorkerFactory factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                    .setWorkerInterceptors(new ActivityMetricsInterceptor(metrics)).build());
            Process prometheus = null;
            try {
                Worker worker = factory.newWorker(TaskQueues.EXPERIMENTS, EmbeddedRuntime.workerOptions());
                WorkerRegistration.register(worker, ArtifactServices.over(runtime.objectStore(), state.resolve("work")),
                        runtime.s3Config(), runtime.launcher(metrics), state.resolve("jobs"),
                        new TrainingProgressMetrics(metrics), metrics);
                factory.start();

                int port = freePort();
                prometheus = startPrometheus(prometheusBinary, endpoint.port(), port);
                URI api = URI.create("http://127.0.0.1:" + port + "/api/v1/");
                await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                        .until(() -> get(api.resolve("targets")).toString().contains("\"health\":\"up\""));

                runGridAndABrokenExperiment(client);
                // Let the last scrapes and the Temporal scope's 1 s reports land.
                Instant ranUntil = Instant.now();
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        hasData(api, "imlab_grids_completed_total > 0", testStart, Instant.now()));

                assertRulesLoaded(api);
                List<String> report = new ArrayList<>();
                List<String> missing = new ArrayList<>();
                for (Map.Entry<String, String> query : queries().entrySet()) {
                    String expression = substitute(query.getValue());
                    Set<String> series = seriesNames(expression);
                    if (series.stream().anyMatch(PrometheusScrapeIT::needsExporter)) {
                        report.add("SKIPPED (needs the NVIDIA DCGM exporter, not run by imlab): " + query.getKey());
                        continue;
                    }
                    List<String> checked = query.getKey().startsWith("alert ")
                            ? alertSelectors(expression) : List.of(expression);
                    for (String promql : checked) {
                        boolean data = eventually(() -> hasData(api, promql, testStart, Instant.now()));
                        report.add((data ? "data    " : "NO DATA ") + query.getKey() + " :: " + promql);
                        if (!data) {
                            missing.add(query.getKey() + " :: " + promql);
                        }
                    }
                    // The whole expression must at least evaluate (thresholds may leave it empty in a healthy run).
                    assertThat(status(api, expression, testStart, ranUntil)).as(query.getKey()).isEqualTo("success");
                }
                System.out.println("PrometheusScrapeIT: queries checked against Prometheus\n  "
                        + String.join("\n  ", report));
                assertThat(report).anyMatch(line -> line.startsWith("SKIPPED"));
                // The pod queue wait panels show real waits, not the zeros a ready launcher registers: the local
                // launcher measured each training process's start.
                assertThat(hasData(api, "imlab_pod_pending_seconds_count{launcher=\"local\"} > 0", testStart,
                        Instant.now())).as("pod pending observations of the local launcher").isTrue();
                assertThat(missing).as("queries without data after a scraped grid run").isEmpty();
            } finally {
                if (prometheus != null) {
                    prometheus.destroy();
                    prometheus.waitFor(20, TimeUnit.SECONDS);
                }
                factory.shutdown();
                factory.awaitTermination(10, TimeUnit.SECONDS);
                stubs.shutdownNow();
                temporalScope.close();
            }
        }
    }

    /** A two-cell grid with real training, and an experiment whose bench source does not exist (fails fast). */
    private static void runGridAndABrokenExperiment(WorkflowClient client) {
        GridDocument grid = (GridDocument) SpecLoader.parse(TinySpecs.grid("scrape"), "scrape.yaml");
        GridInput input = WorkflowInputs.gridInput(grid, "imlab", false);
        AblationGridWorkflow gridWorkflow = client.newWorkflowStub(AblationGridWorkflow.class, WorkflowOptions
                .newBuilder().setTaskQueue(TaskQueues.EXPERIMENTS).setWorkflowId(input.gridId()).build());
        GridResult result = gridWorkflow.run(input);
        assertThat(result.outcomes()).hasSize(2);

        // A spec the loader would refuse, built by hand: the bench step refuses it too (a configuration error,
        // never retried), as it would a spec submitted by an older client.
        ExperimentSpec valid = ((ExperimentDocument) SpecLoader.parse(TinySpecs.experiment("broken"), "broken.yaml"))
                .experiment();
        ExperimentSpec broken = new ExperimentSpec(valid.name(), new BenchSpec("broken", 7, 1, 40), valid.splits(),
                valid.recipe(), valid.model(), valid.training(), valid.evaluation());
        ExperimentWorkflow experiment = client.newWorkflowStub(ExperimentWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.EXPERIMENTS).setWorkflowId("broken-run")
                .setWorkflowExecutionTimeout(Duration.ofMinutes(2)).build());
        try {
            experiment.run(new ExperimentInput(broken, "broken-run", "imlab"));
            throw new AssertionError("an experiment over a bench source that does not exist must fail");
        } catch (WorkflowFailedException expected) {
            // The failure is the point: failure counters and Temporal's failed-workflow series now have data.
        }
    }

    /** Panel title or alert name → expression, for every panel target and every alert rule. */
    private Map<String, String> queries() throws IOException {
        Map<String, String> queries = new LinkedHashMap<>();
        try (var files = Files.list(DASHBOARDS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                collectTargets(json.readTree(file.toFile()), file.getFileName().toString(), queries);
            }
        }
        JsonNode groups = new YAMLMapper().readTree(DASHBOARDS.resolve("alerts.yaml").toFile()).path("groups");
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                queries.put("alert " + rule.path("alert").asText(), rule.path("expr").asText().strip());
            }
        }
        assertThat(queries).hasSizeGreaterThan(30);
        return queries;
    }

    private static void collectTargets(JsonNode node, String file, Map<String, String> queries) {
        if (node.has("targets") && node.has("title")) {
            int i = 0;
            for (JsonNode target : node.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.put(file + " / " + node.path("title").asText() + " #" + i++, target.path("expr").asText());
                }
            }
        }
        node.forEach(child -> collectTargets(child, file, queries));
    }

    private static String substitute(String expression) {
        String result = expression;
        for (Map.Entry<String, String> variable : VARIABLES.entrySet()) {
            result = result.replace(variable.getKey(), variable.getValue());
        }
        assertThat(result).as("unsubstituted template variable").doesNotContain("$");
        return result;
    }

    /** Every catalogued or external series an expression names. */
    private static Set<String> seriesNames(String expression) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = SELECTOR.matcher(expression);
        while (m.find()) {
            if (MetricCatalogue.queryableSeriesNames().contains(m.group(1))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    /**
     * The selectors of an alert expression: a healthy run must not fire the alert, so what must have data is
     * every series the alert watches, with the alert's label matchers.
     */
    private static List<String> alertSelectors(String expression) {
        List<String> selectors = new ArrayList<>();
        Matcher m = SELECTOR.matcher(expression);
        while (m.find()) {
            if (MetricCatalogue.queryableSeriesNames().contains(m.group(1))) {
                selectors.add(m.group(1) + (m.group(2) == null ? "" : m.group(2)));
            }
        }
        assertThat(selectors).as(expression).isNotEmpty();
        return selectors;
    }

    private static boolean needsExporter(String series) {
        return MetricCatalogue.external().stream().anyMatch(e -> e.name().equals(series) && e.needsExporter());
    }

    private void assertRulesLoaded(URI api) throws Exception {
        JsonNode groups = get(api.resolve("rules")).path("data").path("groups");
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("health").asText()).as(rule.path("name").asText()).isIn("ok", "unknown");
                alerts.add(rule.path("name").asText());
            }
        }
        assertThat(alerts).contains("ImlabTrainingStalled", "ImlabCheckpointUploadsFailing",
                "ImlabExperimentFailureRateHigh", "ImlabPodsPendingTooLong");
    }

    private boolean eventually(java.util.concurrent.Callable<Boolean> check) {
        try {
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).until(check);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    private boolean hasData(URI api, String promql, Instant from, Instant to) throws Exception {
        JsonNode answer = queryRange(api, promql, from, to);
        return answer.path("status").asText().equals("success") && !answer.path("data").path("result").isEmpty();
    }

    private String status(URI api, String promql, Instant from, Instant to) throws Exception {
        JsonNode answer = queryRange(api, promql, from, to);
        return answer.path("status").asText() + answer.path("error").asText("");
    }

    private JsonNode queryRange(URI api, String promql, Instant from, Instant to) throws Exception {
        return get(api.resolve("query_range?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8)
                + "&start=" + from.getEpochSecond() + "&end=" + to.getEpochSecond() + "&step=1"));
    }

    private JsonNode get(URI uri) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }

    private Process startPrometheus(Path binary, int metricsPort, int webPort) throws IOException {
        Path config = Files.writeString(state.resolve("prometheus.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: imlab-worker
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(DASHBOARDS.resolve("alerts.yaml").toAbsolutePath().normalize(), metricsPort));
        return new ProcessBuilder(binary.toString(), "--config.file=" + config,
                "--storage.tsdb.path=" + Files.createDirectories(state.resolve("tsdb")),
                "--web.listen-address=127.0.0.1:" + webPort, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(state.resolve("prometheus.log").toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static Path onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
