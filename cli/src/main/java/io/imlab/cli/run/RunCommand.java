package io.imlab.cli.run;

import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.S3Uri;
import io.imlab.cli.Main;
import io.imlab.cli.runtime.EmbeddedRuntime;
import io.imlab.cli.runtime.EmbeddedRuntimeOptions;
import io.imlab.cli.runtime.WorkerRegistration;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cli.bench.DataRoot;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.cookbook.spec.SpecDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.cookbook.spec.SpecValidationException;
import io.imlab.workflows.AblationGridWorkflow;
import io.imlab.workflows.ExperimentWorkflow;
import io.imlab.workflows.FailureTypes;
import io.imlab.workflows.TaskQueues;
import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentProgress;
import io.imlab.workflows.payload.ExperimentResult;
import io.imlab.workflows.payload.GridCellInput;
import io.imlab.workflows.payload.GridInput;
import io.imlab.workflows.payload.GridResult;
import io.imlab.workflows.payload.LevelScore;
import io.imlab.workflows.payload.ReportRef;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code imlab run spec.yaml}: runs an experiment or a grid on this machine — an in-process Temporal server,
 * an in-process S3 server on a local folder, a worker, and training as local child processes — shows progress
 * and ends with the results table and the report's paths.
 *
 * <p>Run ids are derived from the spec's content, so running the same spec again after an interruption reuses
 * the cached bench and mixtures and resumes training from the last checkpoint instead of starting over.
 */
@Command(name = "run", description = "Run an experiment or ablation grid on this machine (embedded Temporal, S3 and trainer).")
public final class RunCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "SPEC", description = "Experiment or grid spec (YAML), e.g. examples/quickstart.yaml")
    private Path specFile;

    @Option(names = "--state-dir", paramLabel = "DIR", defaultValue = ".imlab",
            description = "Where the embedded object store, caches and job folders live (default: ${DEFAULT-VALUE}).")
    private Path stateDir;

    @Option(names = "--progress-every", paramLabel = "STEPS", defaultValue = "50",
            description = "Print training progress every this many steps (default: ${DEFAULT-VALUE}).")
    private int progressEvery;

    @Option(names = "--no-cache",
            description = "Rebuild the bench and mixtures instead of reusing published ones (each once per grid).")
    private boolean noCache;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws IOException {
        long started = System.nanoTime();
        SpecDocument document;
        try {
            document = SpecLoader.load(specFile, DataRoot.override(null));
        } catch (SpecValidationException e) {
            System.err.println("imlab: " + e.getMessage());
            return Main.EXIT_CONFIGURATION_ERROR;
        }
        EmbeddedRuntimeOptions options = new EmbeddedRuntimeOptions(stateDir.resolve("s3"), EmbeddedRuntimeOptions.DEFAULT_BUCKET);
        ProgressPrinter printer = new ProgressPrinter(out, progressEvery);
        out.println("imlab: starting the embedded runtime (Temporal test server, S3 on " + options.s3Root() + ") ...");
        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(options)) {
            Worker worker = runtime.newWorker(TaskQueues.EXPERIMENTS);
            ArtifactServices artifacts = ArtifactServices.over(runtime.objectStore(), stateDir);
            WorkerRegistration.register(worker, artifacts, runtime.s3Config(), runtime.launcher(), stateDir.resolve("jobs"),
                    printer);
            runtime.startWorkers();
            int exit = document instanceof GridDocument grid
                    ? runGrid(runtime, grid, printer, options)
                    : runExperiment(runtime, (ExperimentDocument) document, printer, options);
            out.printf(Locale.ROOT, "wall time: %s%n", formatDuration(Duration.ofNanos(System.nanoTime() - started)));
            return exit;
        }
    }

    private int runGrid(EmbeddedRuntime runtime, GridDocument document, ProgressPrinter printer,
                        EmbeddedRuntimeOptions options) {
        GridInput input = WorkflowInputs.gridInput(document, options.bucket(), noCache);
        String gridId = input.gridId();
        List<GridCellInput> cells = input.cells();
        out.printf(Locale.ROOT, "grid %s: %d cells, at most %d at a time%n", gridId, cells.size(), document.grid().maxParallel());
        cells.forEach(c -> out.println("  " + c.name()));
        WorkflowClient client = runtime.workflowClient();
        AblationGridWorkflow grid = client.newWorkflowStub(AblationGridWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.EXPERIMENTS).setWorkflowId(gridId).build());
        WorkflowClient.start(grid::run, input);
        List<String> runIds = cells.stream().map(c -> gridId + "/" + c.name()).toList();
        GridResult result;
        try (StepWatcher watcher = new StepWatcher(runtime.workflowClient(), runIds, printer)) {
            result = WorkflowStub.fromTyped(grid).getResult(GridResult.class);
        } catch (WorkflowFailedException e) {
            System.err.println("imlab: grid " + gridId + " failed: " + rootMessage(e));
            return Main.EXIT_FAILURE;
        }
        List<String> names = new ArrayList<>();
        List<List<LevelScore>> rows = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (CellOutcome outcome : result.outcomes()) {
            names.add(outcome.cellName());
            boolean ok = outcome.status() == CellStatus.COMPLETED && outcome.result() != null;
            rows.add(ok ? outcome.result().evalResult().scores() : List.of());
            notes.add(outcome.failure());
        }
        printResults(names, rows, notes, result.reportRef(), options);
        long failed = result.outcomes().stream().filter(o -> o.status() != CellStatus.COMPLETED).count();
        if (failed > 0) {
            System.err.printf(Locale.ROOT, "imlab: %d of %d cells failed:%n", failed, result.outcomes().size());
            result.outcomes().stream().filter(o -> o.status() != CellStatus.COMPLETED)
                    .forEach(o -> System.err.println("  " + o.cellName() + ": " + o.failure()));
            return Main.EXIT_FAILURE;
        }
        return 0;
    }

    private int runExperiment(EmbeddedRuntime runtime, ExperimentDocument document, ProgressPrinter printer,
                              EmbeddedRuntimeOptions options) {
        String runId = WorkflowInputs.runId(document);
        out.println("experiment " + runId);
        WorkflowClient client = runtime.workflowClient();
        ExperimentWorkflow experiment = client.newWorkflowStub(ExperimentWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.EXPERIMENTS).setWorkflowId(runId).build());
        WorkflowClient.start(experiment::run, WorkflowInputs.experimentInput(document, options.bucket(), noCache));
        ExperimentResult result;
        try (StepWatcher watcher = new StepWatcher(client, List.of(runId), printer)) {
            result = WorkflowStub.fromTyped(experiment).getResult(ExperimentResult.class);
        } catch (WorkflowFailedException e) {
            System.err.println("imlab: experiment " + runId + " failed: " + rootMessage(e));
            return Main.EXIT_FAILURE;
        }
        printResults(List.of(document.experiment().name()), List.of(result.evalResult().scores()), List.of(""),
                result.reportRef(), options);
        return 0;
    }

    private void printResults(List<String> names, List<List<LevelScore>> rows, List<String> notes, ReportRef report,
                              EmbeddedRuntimeOptions options) {
        out.println();
        out.println("Scores (%): accuracy for closed-label tasks, Rouge-L F1 or exact match for generation;");
        out.println("L1 = held-out categories, L2 = held-out tasks of seen categories, L3 = held-out instances of seen tasks;");
        out.println("avg = mean of 0-shot and k-shot (the paper's model-selection score). Intervals and diagnostics: the report.");
        out.print(ResultsTable.render(names, rows, notes));
        out.println();
        if (report != null) {
            out.println("results.json: " + localPath(options, report.resultsJsonUri()));
            out.println("results.csv:  " + localPath(options, report.resultsCsvUri()));
            out.println("report:       " + localPath(options, report.htmlUri()));
            if (report.chartPngUri() != null) {
                out.println("chart:        " + localPath(options, report.chartPngUri()));
            }
        }
    }

    /** Where the embedded S3 server keeps an object on disk (one folder per bucket, keys as paths). */
    private static Path localPath(EmbeddedRuntimeOptions options, String uri) {
        S3Uri parsed = S3Uri.parse(uri);
        return options.s3Root().resolve(parsed.bucket()).resolve(parsed.key());
    }

    /**
     * The experiment's own failure ("step buildBench failed: <cause> (<type>)"), which names the step and the
     * cause; otherwise the innermost message.
     */
    private static String rootMessage(Throwable e) {
        String message = "";
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ApplicationFailure failure && FailureTypes.EXPERIMENT_STEP_FAILED.equals(failure.getType())) {
                return failure.getOriginalMessage();
            }
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                message = t.getMessage();
            }
        }
        return message;
    }

    static String formatDuration(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60) : s + "s";
    }

    /** Polls each run's progress query once a second and prints step changes. */
    private static final class StepWatcher implements AutoCloseable {
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imlab-progress");
            t.setDaemon(true);
            return t;
        });
        private final Map<String, String> lastSeen = new HashMap<>();

        StepWatcher(WorkflowClient client, List<String> runIds, ProgressPrinter printer) {
            timer.scheduleWithFixedDelay(() -> {
                for (String runId : runIds) {
                    try {
                        ExperimentProgress p = client.newWorkflowStub(ExperimentWorkflow.class, runId).progress();
                        String state = p.status() + "/" + (p.step() == null ? "" : p.step().label());
                        if (!state.equals(lastSeen.put(runId, state))) {
                            printer.print(runId, switch (p.status()) {
                                case RUNNING -> p.step() == null ? "starting" : p.step().label() + " ...";
                                case COMPLETED -> "completed";
                                case FAILED -> "failed: " + p.failure();
                                case CANCELLED -> "cancelled";
                            });
                        }
                    } catch (RuntimeException notStartedYet) {
                        // The cell's workflow does not exist yet (waiting for a parallel slot): nothing to show.
                    }
                }
            }, 0, 1, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
