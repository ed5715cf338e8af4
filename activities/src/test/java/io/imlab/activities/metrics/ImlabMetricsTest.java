package io.imlab.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.imlab.workflows.metrics.MetricCatalogue;
import io.imlab.workflows.metrics.MetricDefinition;
import io.imlab.workflows.metrics.MetricType;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Tag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImlabMetricsTest {

    private MockClock clock;
    private PrometheusMeterRegistry registry;
    private ImlabMetrics metrics;

    @BeforeEach
    void setUp() {
        clock = new MockClock();
        registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(), clock);
        metrics = new ImlabMetrics(registry);
    }

    /** Calls every recording method once, as one experiment of one grid would. */
    private void recordOneOfEverything() {
        metrics.gridStarted();
        metrics.gridCells("cot-ablation", Map.of("running", 2, "pending", 1));
        metrics.experimentStarted();
        metrics.stepFinished("build_bench", MetricCatalogue.RESULT_CACHED, Duration.ofSeconds(2));
        metrics.podPending("kubernetes", "train-0", Instant.ofEpochMilli(clock.wallTime()));
        clock.add(45, TimeUnit.SECONDS);
        metrics.podPendingEnded("kubernetes", "train-0", Instant.ofEpochMilli(clock.wallTime()));
        metrics.trainingProgress("cot-4", 10, 2.5, 40_960, 1_200.0);
        metrics.checkpointUploaded("cot-4", 3_000_000, Duration.ofSeconds(3));
        metrics.checkpointUploadFailed("cot-4", Duration.ofSeconds(30));
        metrics.activityAttempt("Train", 2);
        metrics.evalScore("cot-4", "L3", 0, 0.61);
        metrics.stepFinished("train", MetricCatalogue.RESULT_SUCCESS, Duration.ofMinutes(3));
        metrics.experimentCompleted();
        metrics.experimentFailed("trainer_exit");
        metrics.gridCompleted();
        metrics.gridFailed("cancelled");
    }

    @Test
    void registersOnlyCataloguedMetersWithTheirTypeAndTagKeys() {
        recordOneOfEverything();

        assertThat(registry.getMeters()).isNotEmpty().allSatisfy(meter -> {
            MetricDefinition definition = MetricCatalogue.byName(meter.getId().getName())
                    .orElseThrow(() -> new AssertionError("meter outside the catalogue: " + meter.getId()));
            assertThat(meter.getId().getType()).isEqualTo(micrometerType(definition.type()));
            assertThat(meter.getId().getTags().stream().map(Tag::getKey).toList())
                    .containsExactlyInAnyOrderElementsOf(definition.tagKeys());
        });
    }

    @Test
    void everyCataloguedMetricIsReachableThroughTheRecordingMethods() {
        recordOneOfEverything();

        Set<String> registered = new TreeSet<>();
        registry.getMeters().forEach(m -> registered.add(m.getId().getName()));
        assertThat(registered).containsExactlyInAnyOrderElementsOf(
                MetricCatalogue.all().stream().map(MetricDefinition::name).toList());
    }

    @Test
    void scrapedSeriesAreExactlyTheCataloguedPrometheusNames() {
        recordOneOfEverything();

        assertThat(scrapedSeriesNames()).isEqualTo(new TreeSet<>(MetricCatalogue.prometheusSeriesNames()));
    }

    @Test
    void refusesMetricsOutsideTheCatalogueAndMisusedOnes() {
        MetricDefinition rogue = new MetricDefinition("imlab.rogue", MetricType.COUNTER, "", List.of(), "not ours",
                List.of());
        assertThatThrownBy(() -> metrics.counter(rogue)).hasMessageContaining("not in MetricCatalogue");
        assertThatThrownBy(() -> metrics.counter(MetricCatalogue.TRAINING_LOSS, "x"))
                .hasMessageContaining("is a GAUGE, not a COUNTER");
        assertThatThrownBy(() -> metrics.counter(MetricCatalogue.EXPERIMENTS_FAILED))
                .hasMessageContaining("takes tags [reason], got 0");
        assertThatThrownBy(() -> metrics.experimentFailed(" ")).hasMessageContaining("tag reason: must not be blank");
        assertThat(registry.find("imlab.rogue").meter()).isNull();
    }

    @Test
    void countsOnlyTokenGrowthSoAResumedRunIsNotCountedTwice() {
        metrics.trainingProgress("run", 1, 3.0, 1_000, 500);
        metrics.trainingProgress("run", 2, 2.9, 2_000, 500);
        metrics.trainingProgress("run", 1, 3.0, 1_000, 500);   // resumed from the step-1 checkpoint
        metrics.trainingProgress("run", 3, 2.8, 3_000, 500);

        assertThat(registry.get("imlab.training.tokens").counter().count()).isEqualTo(3_000);
        assertThat(registry.get("imlab.training.step").gauge().value()).isEqualTo(3);
        assertThat(registry.get("imlab.training.loss").gauge().value()).isEqualTo(2.8);
    }

    @Test
    void progressTimestampFollowsTheClockAndEndedRunsStopBeingWatched() {
        metrics = new ImlabMetrics(registry, Duration.ZERO);
        clock.add(Duration.ofSeconds(1_000));
        metrics.trainingProgress("run", 1, 3.0, 1_000, 500);
        assertThat(registry.get("imlab.training.progress.timestamp").gauge().value())
                .isEqualTo(clock.wallTime() / 1000.0);

        metrics.trainingEnded("run");

        assertThat(scrapedSeriesNames()).doesNotContain("imlab_training_progress_timestamp_seconds",
                "imlab_training_loss").contains("imlab_training_tokens_total");
    }

    @Test
    void reportsHowLongTheOldestPendingPodHasWaited() {
        Instant now = Instant.ofEpochMilli(clock.wallTime());
        metrics.podPending("kubernetes", "a", now);
        clock.add(Duration.ofSeconds(30));
        metrics.podPending("kubernetes", "b", Instant.ofEpochMilli(clock.wallTime()));
        clock.add(Duration.ofSeconds(60));

        assertThat(registry.get("imlab.pods.pending").gauge().value()).isEqualTo(2);
        assertThat(registry.get("imlab.pod.pending.oldest").gauge().value()).isEqualTo(90);

        metrics.podPendingEnded("kubernetes", "a", Instant.ofEpochMilli(clock.wallTime()));
        // A repeated report is not a second wait.
        metrics.podPendingEnded("kubernetes", "a", Instant.ofEpochMilli(clock.wallTime()));

        assertThat(registry.get("imlab.pod.pending").timer().count()).isEqualTo(1);
        assertThat(registry.get("imlab.pod.pending").timer().totalTime(TimeUnit.SECONDS)).isEqualTo(90);
        assertThat(registry.get("imlab.pod.pending.oldest").gauge().value()).isEqualTo(60);
    }

    @Test
    void gridEndRemovesItsCellGauges() {
        metrics = new ImlabMetrics(registry, Duration.ZERO);
        metrics.gridCells("g", Map.of("running", 3, "succeeded", 0));
        metrics.gridCells("g", Map.of("running", 2, "succeeded", 1));
        assertThat(registry.get("imlab.grid.cells").tag("state", "succeeded").gauge().value()).isEqualTo(1);

        metrics.gridEnded("g");

        assertThat(registry.find("imlab.grid.cells").gauges()).isEmpty();
    }

    @Test
    void endedRunsKeepTheirFinalValuesForTheLingerTimeSoAShortRunIsScraped() {
        metrics = new ImlabMetrics(registry, Duration.ofHours(1));
        metrics.trainingProgress("short", 3, 2.5, 3_000, 900);
        metrics.gridCells("g", Map.of("succeeded", 1));
        metrics.trainingEnded("short");
        metrics.gridEnded("g");

        assertThat(registry.get("imlab.training.loss").tag("experiment", "short").gauge().value()).isEqualTo(2.5);
        assertThat(scrapedSeriesNames()).contains("imlab_training_progress_timestamp_seconds", "imlab_grid_cells");
    }

    @Test
    void lingeringGaugesGoAwayUnlessTheRunReportsAgain() {
        metrics = new ImlabMetrics(registry, Duration.ofMillis(300));
        metrics.trainingProgress("retried", 1, 3.0, 1_000, 500);
        metrics.trainingProgress("done", 1, 3.0, 1_000, 500);
        metrics.trainingEnded("retried");
        metrics.trainingEnded("done");
        metrics.trainingProgress("retried", 1, 2.9, 1_000, 500);   // the retry's first line

        // Both removals were due at the same delay, the retried run's first: once "done" is gone, "retried" was
        // considered, and it stays.
        await().atMost(Duration.ofSeconds(30)).until(() ->
                registry.find("imlab.training.step").tag("experiment", "done").gauge() == null);
        assertThat(registry.get("imlab.training.loss").tag("experiment", "retried").gauge().value()).isEqualTo(2.9);
        assertThatThrownBy(() -> new ImlabMetrics(registry, Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("endedLinger");
    }

    @Test
    void firstAttemptsAreNotRetries() {
        metrics.activityAttempt("Train", 1);
        // Registered at zero on the first attempt, so the retries panel shows 0 rather than no data.
        assertThat(registry.get("imlab.activity.retries").counter().count()).isZero();
        metrics.activityAttempt("Train", 3);
        assertThat(registry.get("imlab.activity.retries").counter().count()).isEqualTo(1);
    }

    private Set<String> scrapedSeriesNames() {
        Set<String> names = new TreeSet<>();
        registry.scrape().lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .filter(name -> name.startsWith("imlab_"))
                .forEach(names::add);
        return names;
    }

    private static Meter.Type micrometerType(MetricType type) {
        return switch (type) {
            case COUNTER -> Meter.Type.COUNTER;
            case GAUGE -> Meter.Type.GAUGE;
            case TIMER -> Meter.Type.TIMER;
            case DISTRIBUTION -> Meter.Type.DISTRIBUTION_SUMMARY;
        };
    }
}
