package io.imlab.workflows.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every metric imlab publishes, defined once: Micrometer name, type, base unit, tag keys and help. Meters are
 * registered only through {@code io.imlab.activities.metrics.ImlabMetrics}, which refuses anything not listed here;
 * dashboards and alert rules may only query the series these definitions become (see
 * {@link #prometheusSeriesNames()}) or a listed {@linkplain #external() external series}. {@code docs/metrics.md}
 * is generated from this class.
 *
 * <p>Pure Java on purpose: the workflows module holds contracts only, and this catalogue is one.
 */
public final class MetricCatalogue {

    /** Tag value for an operation that succeeded. */
    public static final String RESULT_SUCCESS = "success";
    /** Tag value for an operation that failed (after its retries, for steps). */
    public static final String RESULT_FAILURE = "failure";
    /** Tag value for a step whose output was found in the content-addressed cache and not recomputed. */
    public static final String RESULT_CACHED = "cached";

    private static final List<Double> STEP_SECONDS =
            List.of(1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0, 7200.0, 21600.0, 86400.0);
    private static final List<Double> UPLOAD_SECONDS =
            List.of(0.1, 0.5, 1.0, 5.0, 15.0, 60.0, 300.0, 900.0, 3600.0);
    private static final List<Double> PENDING_SECONDS =
            List.of(1.0, 5.0, 15.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0);
    private static final List<Double> CHECKPOINT_BYTES = List.of(1.0e6, 1.0e7, 1.0e8, 1.0e9, 1.0e10, 1.0e11, 1.0e12);

    /** Ablation grids whose workflow started. */
    public static final MetricDefinition GRIDS_STARTED = counter("imlab.grids.started", "",
            List.of(), "Ablation grids whose workflow started.");
    /** Ablation grids whose every cell finished and whose report was written. */
    public static final MetricDefinition GRIDS_COMPLETED = counter("imlab.grids.completed", "",
            List.of(), "Ablation grids whose cells all finished and whose grid report was written.");
    /** Ablation grids that ended without a report. */
    public static final MetricDefinition GRIDS_FAILED = counter("imlab.grids.failed", "",
            List.of("reason"), "Ablation grids that ended without a grid report, by failure reason.");
    /** Cells of each running grid by state. */
    public static final MetricDefinition GRID_CELLS = gauge("imlab.grid.cells", "",
            List.of("grid", "state"), "Cells of a running grid by state (pending, running, succeeded, failed).");

    /** Experiments (single runs or grid cells) whose workflow started. */
    public static final MetricDefinition EXPERIMENTS_STARTED = counter("imlab.experiments.started", "",
            List.of(), "Experiments (single runs or grid cells) whose workflow started.");
    /** Experiments that reached their report. */
    public static final MetricDefinition EXPERIMENTS_COMPLETED = counter("imlab.experiments.completed", "",
            List.of(), "Experiments that wrote their report.");
    /** Experiments that ended without a report. */
    public static final MetricDefinition EXPERIMENTS_FAILED = counter("imlab.experiments.failed", "",
            List.of("reason"), "Experiments that ended without a report, by failure reason.");

    /** Wall time of one pipeline step (bench, mixture, train, evaluate, report). */
    public static final MetricDefinition STEP_DURATION = new MetricDefinition("imlab.step.duration",
            MetricType.TIMER, "seconds", List.of("step", "result"),
            "Wall time of one pipeline step (build_bench, sample_mixture, train, evaluate, report), by result.",
            STEP_SECONDS);

    /** Latest training loss the trainer reported. */
    public static final MetricDefinition TRAINING_LOSS = gauge("imlab.training.loss", "",
            List.of("experiment"), "Latest training loss (mean label cross-entropy) the trainer reported.");
    /** Latest optimizer step the trainer reported. */
    public static final MetricDefinition TRAINING_STEP = gauge("imlab.training.step", "",
            List.of("experiment"), "Latest optimizer step the trainer reported.");
    /** Latest training throughput. */
    public static final MetricDefinition TRAINING_TOKENS_PER_SECOND = gauge("imlab.training.tokens.per.second", "",
            List.of("experiment"), "Latest training throughput the trainer reported, in tokens per second.");
    /** Training tokens processed. */
    public static final MetricDefinition TRAINING_TOKENS = counter("imlab.training.tokens", "tokens",
            List.of("experiment"), "Training tokens processed (label and prompt tokens of packed sequences).");
    /** Unix time of the latest training progress report; drives the training-stalled alert. */
    public static final MetricDefinition TRAINING_PROGRESS_TIMESTAMP = gauge("imlab.training.progress.timestamp",
            "seconds", List.of("experiment"),
            "Unix time of the latest progress line from a training run; removed a minute after the run ends.");

    /** Size of each checkpoint written to the object store. */
    public static final MetricDefinition CHECKPOINT_SIZE = new MetricDefinition("imlab.checkpoint.size",
            MetricType.DISTRIBUTION, "bytes", List.of("experiment"),
            "Size of each checkpoint written to the object store.", CHECKPOINT_BYTES);
    /** Duration of each checkpoint upload, by result. */
    public static final MetricDefinition CHECKPOINT_UPLOAD = new MetricDefinition("imlab.checkpoint.upload",
            MetricType.TIMER, "seconds", List.of("experiment", "result"),
            "Duration of each checkpoint upload to the object store, by result.", UPLOAD_SECONDS);

    /** Time a training pod waited between creation and running (or its end, when it never ran). */
    public static final MetricDefinition POD_PENDING = new MetricDefinition("imlab.pod.pending",
            MetricType.TIMER, "seconds", List.of("launcher"),
            "Time each training pod (or local process) waited between creation and running; a pod that never ran"
                    + " (deleted, failed to start, its job ended) counts until the launcher saw it end.",
            PENDING_SECONDS);
    /** Training pods waiting right now. */
    public static final MetricDefinition PODS_PENDING = gauge("imlab.pods.pending", "",
            List.of("launcher"), "Training pods created but not yet running.");
    /** Age of the oldest training pod still waiting. */
    public static final MetricDefinition POD_PENDING_OLDEST = gauge("imlab.pod.pending.oldest", "seconds",
            List.of("launcher"), "How long the oldest training pod still pending has waited; 0 when none waits.");

    /** Activity attempts beyond the first. */
    public static final MetricDefinition ACTIVITY_RETRIES = counter("imlab.activity.retries", "",
            List.of("activity"), "Activity attempts beyond the first (Temporal retried the activity).");

    /** Evaluation score of a checkpoint at one generalization level and shot count. */
    public static final MetricDefinition EVAL_SCORE = gauge("imlab.eval.score", "",
            List.of("experiment", "level", "shots"),
            "Latest evaluation score (0..1) of an experiment at one generalization level (OPT-IML §4.1) and shot count.");

    private static final List<MetricDefinition> ALL = List.of(
            GRIDS_STARTED, GRIDS_COMPLETED, GRIDS_FAILED, GRID_CELLS,
            EXPERIMENTS_STARTED, EXPERIMENTS_COMPLETED, EXPERIMENTS_FAILED,
            STEP_DURATION,
            TRAINING_LOSS, TRAINING_STEP, TRAINING_TOKENS_PER_SECOND, TRAINING_TOKENS, TRAINING_PROGRESS_TIMESTAMP,
            CHECKPOINT_SIZE, CHECKPOINT_UPLOAD,
            POD_PENDING, PODS_PENDING, POD_PENDING_OLDEST,
            ACTIVITY_RETRIES,
            EVAL_SCORE);

    private static final Map<String, String> TAGS = describeTags();

    private static final List<ExternalSeries> EXTERNAL = List.of(
            temporal("temporal_workflow_completed_total", "Workflows that completed, by workflow type."),
            temporal("temporal_workflow_failed_total", "Workflows that failed, by workflow type."),
            temporal("temporal_workflow_endtoend_latency_seconds_bucket",
                    "Workflow run time from start to close, histogram."),
            temporal("temporal_workflow_task_schedule_to_start_latency_seconds_bucket",
                    "Time workflow tasks waited in the task queue for a worker, histogram."),
            temporal("temporal_activity_execution_latency_seconds_bucket",
                    "Time one activity attempt ran on the worker, histogram."),
            temporal("temporal_activity_schedule_to_start_latency_seconds_bucket",
                    "Time activity tasks waited in the task queue for a worker, histogram."),
            temporal("temporal_activity_execution_failed_total", "Activity attempts that failed, by activity type."),
            temporal("temporal_worker_task_slots_available", "Free execution slots of the worker, by worker type."),
            dcgm("DCGM_FI_DEV_GPU_UTIL", "GPU utilization in percent."),
            dcgm("DCGM_FI_DEV_FB_USED", "GPU frame buffer (memory) used, MiB."),
            dcgm("DCGM_FI_DEV_FB_FREE", "GPU frame buffer (memory) free, MiB."),
            dcgm("DCGM_FI_DEV_POWER_USAGE", "GPU power draw in watts."),
            dcgm("DCGM_FI_DEV_GPU_TEMP", "GPU temperature in degrees Celsius."));

    private MetricCatalogue() {
    }

    /** Every imlab metric, in documentation order. */
    public static List<MetricDefinition> all() {
        return ALL;
    }

    /** Series that dashboards may use but imlab does not define (Temporal SDK, NVIDIA DCGM exporter). */
    public static List<ExternalSeries> external() {
        return EXTERNAL;
    }

    /** What each tag key means, for every key any catalogued metric uses. */
    public static Map<String, String> tagDescriptions() {
        return TAGS;
    }

    private static Map<String, String> describeTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("reason", "failure reason: the failure's type, e.g. `timeout`, `config_error`, `trainer_exit`, `cancelled`");
        tags.put("grid", "the grid's name (`AblationGrid` resource or grid spec name)");
        tags.put("state", "`pending`, `running`, `succeeded` or `failed`");
        tags.put("step", "pipeline step: `build_bench`, `sample_mixture`, `train`, `evaluate`, `report`");
        tags.put("result", "`success`, `failure` or (steps only) `cached`");
        tags.put("experiment", "the experiment's run name (a grid cell's run name for grid cells)");
        tags.put("launcher", "`local` (child process) or `kubernetes` (Job pods)");
        tags.put("activity", "Temporal activity type");
        tags.put("level", "generalization level: `L1` (seen tasks), `L2` (unseen tasks of seen categories), "
                + "`L3` (unseen categories), OPT-IML §4.1");
        tags.put("shots", "number of in-context demonstrations: `0` or the k of k-shot");
        return Collections.unmodifiableMap(tags);
    }

    /** The definition with this Micrometer name, if catalogued. */
    public static Optional<MetricDefinition> byName(String micrometerName) {
        return ALL.stream().filter(m -> m.name().equals(micrometerName)).findFirst();
    }

    /** Whether this exact definition is part of the catalogue. */
    public static boolean contains(MetricDefinition metric) {
        return ALL.contains(metric);
    }

    /**
     * Every Prometheus series the catalogued metrics become after Micrometer's conversion (e.g.
     * {@code imlab_experiments_started_total}, {@code imlab_step_duration_seconds_bucket}); external series are not
     * included.
     */
    public static Set<String> prometheusSeriesNames() {
        Set<String> names = new LinkedHashSet<>();
        ALL.forEach(m -> names.addAll(m.prometheusSeriesNames()));
        return names;
    }

    /** Catalogued series plus external series: every name a dashboard or alert expression may use. */
    public static Set<String> queryableSeriesNames() {
        Set<String> names = new LinkedHashSet<>(prometheusSeriesNames());
        EXTERNAL.forEach(e -> names.add(e.name()));
        return names;
    }

    /** All tag keys used by catalogued metrics. */
    static Stream<String> usedTagKeys() {
        return ALL.stream().flatMap(m -> m.tagKeys().stream()).distinct();
    }

    private static MetricDefinition counter(String name, String unit, List<String> tags, String help) {
        return new MetricDefinition(name, MetricType.COUNTER, unit, tags, help, List.of());
    }

    private static MetricDefinition gauge(String name, String unit, List<String> tags, String help) {
        return new MetricDefinition(name, MetricType.GAUGE, unit, tags, help, List.of());
    }

    private static ExternalSeries temporal(String name, String help) {
        return new ExternalSeries(name, "temporal-sdk", help, false);
    }

    private static ExternalSeries dcgm(String name, String help) {
        return new ExternalSeries(name, "dcgm-exporter", help, true);
    }
}
