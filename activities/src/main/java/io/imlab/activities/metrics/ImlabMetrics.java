package io.imlab.activities.metrics;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.imlab.activities.launch.PodPendingListener;
import io.imlab.workflows.metrics.MetricCatalogue;
import io.imlab.workflows.metrics.MetricDefinition;
import io.imlab.workflows.metrics.MetricType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * imlab's meters, registered in a Micrometer {@link MeterRegistry} only through {@link MetricCatalogue}: every
 * method here takes or uses a catalogued {@link MetricDefinition} and refuses anything else, so the series a
 * dashboard can see are exactly the catalogued ones. Thread-safe; share one instance per worker process.
 *
 * <p>Wiring a worker (the {@code imlab worker} command does this):
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
 * Scope temporalScope = ImlabMetrics.temporalMetricsScope(registry);   // before any Temporal client exists
 * WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
 *     WorkflowServiceStubsOptions.newBuilder().setTarget(address).setMetricsScope(temporalScope).build());
 * ImlabMetrics metrics = new ImlabMetrics(registry);                    // hand to the activity implementations
 * Launcher launcher = new LocalProcessLauncher(List.of(), metrics);     // and to the launcher: pod pending time
 * PrometheusEndpoint endpoint = PrometheusEndpoint.start(registry, "0.0.0.0", metricsPort);
 * // on shutdown: endpoint.close(); temporalScope.close();
 * }</pre>
 */
public final class ImlabMetrics implements PodPendingListener {

    /** How often the Temporal SDK's Tally scope flushes into Micrometer by default. */
    public static final Duration TEMPORAL_REPORT_INTERVAL = Duration.ofSeconds(10);

    /** Latency buckets for Temporal SDK timers: queue waits are milliseconds, workflows can take hours. */
    private static final List<Duration> TEMPORAL_LATENCY_BUCKETS = List.of(
            Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofHours(2),
            Duration.ofHours(12));

    /**
     * How long the gauges of an ended training run or grid stay after it ends, by default: four scrapes at
     * Prometheus' usual 15 s interval, so a run shorter than one scrape interval still shows its final values, and
     * far below the 15 minutes after which the training-stalled alert would fire on a lingering timestamp.
     */
    public static final Duration ENDED_LINGER = Duration.ofMinutes(1);

    /** One daemon thread for every instance's delayed removals (tests build many instances). */
    private static final class Removals {
        static final ScheduledExecutorService EXECUTOR = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "imlab-metrics-ended-gauges");
            thread.setDaemon(true);
            return thread;
        });
    }

    private final MeterRegistry registry;
    private final Duration endedLinger;
    /** Scheduled removals by subject ({@code training/<experiment>}, {@code grid/<grid>}); new values cancel one. */
    private final Map<String, Object> pendingRemovals = new ConcurrentHashMap<>();
    private final Map<Meter.Id, AtomicLong> gaugeValues = new ConcurrentHashMap<>();
    private final Map<String, Long> tokensSeen = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Long>> pendingSinceMillis = new ConcurrentHashMap<>();

    /**
     * Binds to a registry and registers the untagged counters at zero, so {@code rate()} and alert expressions see
     * a series before the first grid or experiment starts.
     */
    public ImlabMetrics(MeterRegistry registry) {
        this(registry, ENDED_LINGER);
    }

    /**
     * As {@link #ImlabMetrics(MeterRegistry)}, with the time an ended run's or grid's gauges stay visible.
     *
     * @param endedLinger {@link Duration#ZERO} removes them at once
     */
    public ImlabMetrics(MeterRegistry registry, Duration endedLinger) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.endedLinger = Objects.requireNonNull(endedLinger, "endedLinger");
        if (endedLinger.isNegative()) {
            throw new IllegalArgumentException("endedLinger must not be negative: " + endedLinger);
        }
        for (MetricDefinition metric : MetricCatalogue.all()) {
            if (metric.type() == MetricType.COUNTER && metric.tagKeys().isEmpty()) {
                counter(metric);
            }
        }
        // The failure reasons a grid can end with (RunIndexActivitiesImpl) and the one every experiment can end
        // with, at zero: the failure panels and the failure-rate alert then see 0 instead of no data.
        for (String reason : List.of("report", "cancelled")) {
            counter(MetricCatalogue.GRIDS_FAILED, reason);
        }
        counter(MetricCatalogue.EXPERIMENTS_FAILED, "cancelled");
    }

    /** The registry this instance registers into. */
    public MeterRegistry registry() {
        return registry;
    }

    // --- catalogue-checked meter access -------------------------------------------------------------------------

    /**
     * The counter of a catalogued metric.
     *
     * @param tagValues one value per {@link MetricDefinition#tagKeys()}, in that order
     * @throws IllegalArgumentException when the metric is not catalogued, not a counter, or the values do not match
     */
    public Counter counter(MetricDefinition metric, String... tagValues) {
        Tags tags = tags(metric, MetricType.COUNTER, tagValues);
        return Counter.builder(metric.name()).description(metric.help()).baseUnit(unit(metric)).tags(tags)
                .register(registry);
    }

    /** The timer of a catalogued metric, a histogram with the catalogued buckets. */
    public Timer timer(MetricDefinition metric, String... tagValues) {
        Tags tags = tags(metric, MetricType.TIMER, tagValues);
        Duration[] buckets = metric.buckets().stream()
                .map(seconds -> Duration.ofNanos(Math.round(seconds * 1e9))).toArray(Duration[]::new);
        return Timer.builder(metric.name()).description(metric.help()).tags(tags)
                .serviceLevelObjectives(buckets).register(registry);
    }

    /** The distribution summary of a catalogued metric, a histogram with the catalogued buckets. */
    public DistributionSummary distribution(MetricDefinition metric, String... tagValues) {
        Tags tags = tags(metric, MetricType.DISTRIBUTION, tagValues);
        double[] buckets = metric.buckets().stream().mapToDouble(Double::doubleValue).toArray();
        return DistributionSummary.builder(metric.name()).description(metric.help()).baseUnit(unit(metric))
                .tags(tags).serviceLevelObjectives(buckets).register(registry);
    }

    /** Sets a catalogued gauge, registering it on first use. */
    public void setGauge(MetricDefinition metric, double value, String... tagValues) {
        Tags tags = tags(metric, MetricType.GAUGE, tagValues);
        Meter.Id id = new Meter.Id(metric.name(), tags, unit(metric), metric.help(), Meter.Type.GAUGE);
        gaugeValues.computeIfAbsent(id, key -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(value));
            Gauge.builder(metric.name(), bits, b -> Double.longBitsToDouble(b.get())).description(metric.help())
                    .baseUnit(unit(metric)).tags(tags).strongReference(true).register(registry);
            return bits;
        }).set(Double.doubleToLongBits(value));
    }

    /** Removes a catalogued gauge, so its series disappears from the next scrape. */
    public void removeGauge(MetricDefinition metric, String... tagValues) {
        Tags tags = tags(metric, MetricType.GAUGE, tagValues);
        Meter.Id id = new Meter.Id(metric.name(), tags, unit(metric), metric.help(), Meter.Type.GAUGE);
        gaugeValues.remove(id);
        Meter meter = registry.find(metric.name()).tags(tags).gauge();
        if (meter != null) {
            registry.remove(meter);
        }
    }

    // --- grids and experiments ----------------------------------------------------------------------------------

    /** A grid workflow started. */
    public void gridStarted() {
        counter(MetricCatalogue.GRIDS_STARTED).increment();
    }

    /** A grid finished with its report. */
    public void gridCompleted() {
        counter(MetricCatalogue.GRIDS_COMPLETED).increment();
    }

    /** A grid ended without its report. */
    public void gridFailed(String reason) {
        counter(MetricCatalogue.GRIDS_FAILED, reason).increment();
    }

    /** The current number of cells of a running grid per state ({@code pending}, {@code running}, …). */
    public void gridCells(String grid, Map<String, Integer> cellsByState) {
        synchronized (pendingRemovals) {
            pendingRemovals.remove("grid/" + grid);
            cellsByState.forEach((state, cells) -> setGauge(MetricCatalogue.GRID_CELLS, cells, grid, state));
        }
    }

    /** A grid ended: its cell gauges go away after the linger time, unless the grid reports cells again. */
    public void gridEnded(String grid) {
        removeAfterLinger("grid/" + grid, () ->
                registry.find(MetricCatalogue.GRID_CELLS.name()).tag("grid", grid).gauges().forEach(g ->
                        removeGauge(MetricCatalogue.GRID_CELLS, grid, g.getId().getTag("state"))));
    }

    /** An experiment workflow started. */
    public void experimentStarted() {
        counter(MetricCatalogue.EXPERIMENTS_STARTED).increment();
    }

    /** An experiment wrote its report. */
    public void experimentCompleted() {
        counter(MetricCatalogue.EXPERIMENTS_COMPLETED).increment();
    }

    /** An experiment ended without its report. */
    public void experimentFailed(String reason) {
        counter(MetricCatalogue.EXPERIMENTS_FAILED, reason).increment();
    }

    /**
     * One pipeline step ended.
     *
     * @param result {@link MetricCatalogue#RESULT_SUCCESS}, {@link MetricCatalogue#RESULT_FAILURE} or
     *               {@link MetricCatalogue#RESULT_CACHED}
     */
    public void stepFinished(String step, String result, Duration took) {
        timer(MetricCatalogue.STEP_DURATION, step, result).record(took);
    }

    // --- training -----------------------------------------------------------------------------------------------

    /**
     * One progress line from a trainer ({@code step}, {@code loss}, {@code tokens}, {@code tokens_per_s}).
     *
     * @param tokens cumulative tokens the run has processed; only growth is counted, so a run resumed from an
     *               earlier checkpoint does not count its replayed tokens twice
     */
    public void trainingProgress(String experiment, long step, double loss, long tokens, double tokensPerSecond) {
        synchronized (pendingRemovals) {   // a retried run's line cancels its pending removal
            pendingRemovals.remove("training/" + experiment);
            setGauge(MetricCatalogue.TRAINING_STEP, step, experiment);
            setGauge(MetricCatalogue.TRAINING_LOSS, loss, experiment);
            setGauge(MetricCatalogue.TRAINING_TOKENS_PER_SECOND, tokensPerSecond, experiment);
            long previous = tokensSeen.getOrDefault(experiment, 0L);
            if (tokens > previous) {
                counter(MetricCatalogue.TRAINING_TOKENS, experiment).increment(tokens - previous);
                tokensSeen.put(experiment, tokens);
            }
            setGauge(MetricCatalogue.TRAINING_PROGRESS_TIMESTAMP, wallSeconds(), experiment);
        }
    }

    /**
     * A training run started: registers its checkpoint upload-failure timer at zero, so the uploads-failing alert
     * and the uploads-by-result panel see a series (value 0) instead of nothing until the first failure.
     */
    public void trainingStarted(String experiment) {
        timer(MetricCatalogue.CHECKPOINT_UPLOAD, experiment, MetricCatalogue.RESULT_FAILURE);
    }

    /**
     * A training run ended (either way): its live gauges keep their final values for the linger time (so a run
     * shorter than a scrape interval is still seen) and then go away, so the training-stalled alert stops watching
     * it. A progress line for the same experiment before then (a retried run) keeps them. The tokens counter stays,
     * as counters do.
     */
    public void trainingEnded(String experiment) {
        tokensSeen.remove(experiment);
        removeAfterLinger("training/" + experiment, () -> {
            for (MetricDefinition live : List.of(MetricCatalogue.TRAINING_STEP, MetricCatalogue.TRAINING_LOSS,
                    MetricCatalogue.TRAINING_TOKENS_PER_SECOND, MetricCatalogue.TRAINING_PROGRESS_TIMESTAMP)) {
                removeGauge(live, experiment);
            }
        });
    }

    /** Runs {@code removal} after the linger time unless the subject reports again first; at once when zero. */
    private void removeAfterLinger(String subject, Runnable removal) {
        if (endedLinger.isZero()) {
            pendingRemovals.remove(subject);
            removal.run();
            return;
        }
        Object token = new Object();
        pendingRemovals.put(subject, token);
        Removals.EXECUTOR.schedule(() -> {
            synchronized (pendingRemovals) {   // not while the subject reports again
                if (pendingRemovals.remove(subject, token)) {
                    removal.run();
                }
            }
        }, endedLinger.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A checkpoint reached the object store. */
    public void checkpointUploaded(String experiment, long bytes, Duration took) {
        distribution(MetricCatalogue.CHECKPOINT_SIZE, experiment).record(bytes);
        timer(MetricCatalogue.CHECKPOINT_UPLOAD, experiment, MetricCatalogue.RESULT_SUCCESS).record(took);
    }

    /** A checkpoint upload failed after {@code took}. */
    public void checkpointUploadFailed(String experiment, Duration took) {
        timer(MetricCatalogue.CHECKPOINT_UPLOAD, experiment, MetricCatalogue.RESULT_FAILURE).record(took);
    }

    // --- pods ---------------------------------------------------------------------------------------------------

    /** A training pod (or local process) was created at {@code createdAt} and waits to run. */
    @Override
    public void podPending(String launcher, String pod, Instant createdAt) {
        Map<String, Long> pending = pendingSinceMillis.computeIfAbsent(launcher, l -> {
            Map<String, Long> pods = new ConcurrentHashMap<>();
            registerPendingGauges(l, pods);
            return pods;
        });
        pending.putIfAbsent(pod, createdAt.toEpochMilli());
    }

    /**
     * A launcher is in use: registers its pending-pod gauges (0) and queue-wait histogram (no observations), so the
     * pod panels and the pods-pending alert see zeros before the first pod waits. The launchers call it when built.
     */
    @Override
    public void launcherReady(String launcher) {
        pendingSinceMillis.computeIfAbsent(launcher, l -> {
            Map<String, Long> pods = new ConcurrentHashMap<>();
            registerPendingGauges(l, pods);
            return pods;
        });
        timer(MetricCatalogue.POD_PENDING, launcher);
    }

    /**
     * A pending pod started running at {@code endedAt} (or will never run: it ended or was deleted first): records
     * how long it waited, and it leaves the pending gauges. A pod not known as pending is ignored, so a relaunch
     * or a second handle that reports twice does not count twice.
     */
    @Override
    public void podPendingEnded(String launcher, String pod, Instant endedAt) {
        Map<String, Long> pending = pendingSinceMillis.get(launcher);
        Long since = pending == null ? null : pending.remove(pod);
        if (since != null) {
            long waited = Math.max(0, endedAt.toEpochMilli() - since);
            timer(MetricCatalogue.POD_PENDING, launcher).record(waited, TimeUnit.MILLISECONDS);
        }
    }

    private void registerPendingGauges(String launcher, Map<String, Long> pods) {
        Tags count = tags(MetricCatalogue.PODS_PENDING, MetricType.GAUGE, launcher);
        Gauge.builder(MetricCatalogue.PODS_PENDING.name(), pods, Map::size)
                .description(MetricCatalogue.PODS_PENDING.help()).tags(count).strongReference(true)
                .register(registry);
        Tags oldest = tags(MetricCatalogue.POD_PENDING_OLDEST, MetricType.GAUGE, launcher);
        Gauge.builder(MetricCatalogue.POD_PENDING_OLDEST.name(), pods,
                        p -> p.values().stream().mapToLong(Long::longValue).min()
                                .stream().mapToDouble(since -> Math.max(0, wallMillis() - since) / 1000.0)
                                .findFirst().orElse(0))
                .description(MetricCatalogue.POD_PENDING_OLDEST.help()).baseUnit(unit(MetricCatalogue.POD_PENDING_OLDEST))
                .tags(oldest).strongReference(true).register(registry);
    }

    // --- activities and evaluation ------------------------------------------------------------------------------

    /**
     * An activity attempt started; attempts beyond the first count as retries. The first attempt registers the
     * activity's counter at zero, so the retries panel shows 0 instead of no data.
     */
    public void activityAttempt(String activityType, int attempt) {
        Counter retries = counter(MetricCatalogue.ACTIVITY_RETRIES, activityType);
        if (attempt > 1) {
            retries.increment();
        }
    }

    /** The latest score of an experiment at a generalization level ({@code L1}, {@code L2}, {@code L3}). */
    public void evalScore(String experiment, String level, int shots, double score) {
        setGauge(MetricCatalogue.EVAL_SCORE, score, experiment, level, Integer.toString(shots));
    }

    // --- Temporal SDK -------------------------------------------------------------------------------------------

    /** {@link #temporalMetricsScope(MeterRegistry, Duration)} with the default 10 s report interval. */
    public static Scope temporalMetricsScope(MeterRegistry registry) {
        return temporalMetricsScope(registry, TEMPORAL_REPORT_INTERVAL);
    }

    /**
     * A Tally scope that reports the Temporal SDK's own metrics ({@code temporal_workflow_completed},
     * {@code temporal_activity_execution_latency}, …) into {@code registry} through the SDK's
     * {@link MicrometerClientStatsReporter}. Pass it to
     * {@code WorkflowServiceStubsOptions.Builder.setMetricsScope} (worker and client) or
     * {@code TestEnvironmentOptions.Builder.setMetricsScope}, and close it on shutdown to flush.
     *
     * <p>Also makes the registry export Temporal timers as histograms with fixed buckets, which the platform
     * health dashboard needs for latency quantiles; call it before the first Temporal meter is registered.
     */
    public static Scope temporalMetricsScope(MeterRegistry registry, Duration reportEvery) {
        registry.config().meterFilter(temporalLatencyHistograms());
        return new RootScopeBuilder()
                .reporter(new MicrometerClientStatsReporter(registry))
                .reportEvery(com.uber.m3.util.Duration.ofMillis(reportEvery.toMillis()));
    }

    private static MeterFilter temporalLatencyHistograms() {
        double[] nanos = TEMPORAL_LATENCY_BUCKETS.stream().mapToDouble(d -> (double) d.toNanos()).toArray();
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() == Meter.Type.TIMER && id.getName().startsWith("temporal_")) {
                    return DistributionStatisticConfig.builder().serviceLevelObjectives(nanos).build().merge(config);
                }
                return config;
            }
        };
    }

    // --- helpers ------------------------------------------------------------------------------------------------

    private static Tags tags(MetricDefinition metric, MetricType expected, String... values) {
        if (!MetricCatalogue.contains(metric)) {
            throw new IllegalArgumentException("metric " + metric.name() + " is not in MetricCatalogue");
        }
        if (metric.type() != expected) {
            throw new IllegalArgumentException("metric " + metric.name() + " is a " + metric.type() + ", not a "
                    + expected);
        }
        if (values.length != metric.tagKeys().size()) {
            throw new IllegalArgumentException("metric " + metric.name() + " takes tags " + metric.tagKeys()
                    + ", got " + values.length + " value(s)");
        }
        Tags tags = Tags.empty();
        for (int i = 0; i < values.length; i++) {
            String key = metric.tagKeys().get(i);
            if (values[i] == null || values[i].isBlank()) {
                throw new IllegalArgumentException("metric " + metric.name() + " tag " + key + ": must not be blank");
            }
            tags = tags.and(key, values[i]);
        }
        return tags;
    }

    private static String unit(MetricDefinition metric) {
        return metric.baseUnit().isEmpty() ? null : metric.baseUnit();
    }

    private long wallMillis() {
        return registry.config().clock().wallTime();
    }

    private double wallSeconds() {
        return wallMillis() / 1000.0;
    }
}
