package io.imlab.workflows.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricCatalogueTest {

    @Test
    void micrometerNamesAreUnique() {
        List<String> names = MetricCatalogue.all().stream().map(MetricDefinition::name).toList();
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void noTwoMetricsShareAPrometheusSeries() {
        List<String> series = new ArrayList<>();
        MetricCatalogue.all().forEach(m -> series.addAll(m.prometheusSeriesNames()));
        MetricCatalogue.external().forEach(e -> series.add(e.name()));
        assertThat(series).doesNotHaveDuplicates();
    }

    @Test
    void convertsNamesTheWayMicrometersPrometheusRegistryDoes() {
        assertThat(MetricCatalogue.EXPERIMENTS_STARTED.prometheusSeriesNames())
                .containsExactly("imlab_experiments_started_total");
        assertThat(MetricCatalogue.STEP_DURATION.prometheusSeriesNames()).containsExactly(
                "imlab_step_duration_seconds_bucket", "imlab_step_duration_seconds_count",
                "imlab_step_duration_seconds_sum", "imlab_step_duration_seconds_max");
        assertThat(MetricCatalogue.CHECKPOINT_SIZE.prometheusBaseName()).isEqualTo("imlab_checkpoint_size_bytes");
        assertThat(MetricCatalogue.TRAINING_TOKENS.prometheusSeriesNames())
                .containsExactly("imlab_training_tokens_total");
        assertThat(MetricCatalogue.TRAINING_PROGRESS_TIMESTAMP.prometheusSeriesNames())
                .containsExactly("imlab_training_progress_timestamp_seconds");
    }

    @Test
    void coversEveryMetricTheOperationsIssueAsksFor() {
        assertThat(MetricCatalogue.prometheusSeriesNames()).contains(
                "imlab_grids_started_total", "imlab_grids_completed_total", "imlab_grids_failed_total",
                "imlab_experiments_started_total", "imlab_experiments_completed_total",
                "imlab_experiments_failed_total", "imlab_step_duration_seconds_bucket", "imlab_training_loss",
                "imlab_training_tokens_per_second", "imlab_training_tokens_total",
                "imlab_checkpoint_size_bytes_bucket", "imlab_checkpoint_upload_seconds_bucket",
                "imlab_pod_pending_seconds_bucket", "imlab_activity_retries_total", "imlab_eval_score");
        assertThat(MetricCatalogue.EXPERIMENTS_FAILED.tagKeys()).containsExactly("reason");
        assertThat(MetricCatalogue.STEP_DURATION.tagKeys()).containsExactly("step", "result");
        assertThat(MetricCatalogue.EVAL_SCORE.tagKeys()).contains("level", "shots");
    }

    @Test
    void everyTagKeyIsDescribed() {
        Set<String> used = new HashSet<>(MetricCatalogue.usedTagKeys().toList());
        assertThat(MetricCatalogue.tagDescriptions().keySet()).isEqualTo(used);
    }

    @Test
    void everyPrometheusNameIsValidAndPrefixed() {
        assertThat(MetricCatalogue.prometheusSeriesNames())
                .allSatisfy(name -> assertThat(name).matches("imlab_[a-z0-9_]+"));
    }

    @Test
    void aBrokenDefinitionReportsEveryProblemWithItsField() {
        assertThatThrownBy(() -> new MetricDefinition("Imlab.Bad", MetricType.TIMER, "bytes",
                List.of("Step", "Step"), " ", List.of(5.0, 1.0)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name:")
                .hasMessageContaining("baseUnit: timers are exported in seconds")
                .hasMessageContaining("tagKeys[0]:")
                .hasMessageContaining("tagKeys: must not repeat")
                .hasMessageContaining("help:")
                .hasMessageContaining("buckets[1]:");
        assertThatThrownBy(() -> new MetricDefinition("imlab.x", MetricType.COUNTER, "", List.of(), "x",
                List.of(1.0))).hasMessageContaining("buckets: a COUNTER has no histogram");
    }

    @Test
    void referenceListsEveryMetricAndExternalSeries() {
        String md = MetricsReference.markdown();
        MetricCatalogue.all().forEach(m -> assertThat(md).contains("`" + m.name() + "`"));
        MetricCatalogue.external().forEach(e -> assertThat(md).contains("`" + e.name() + "`"));
        assertThat(md).contains(MetricsReference.REGENERATE_COMMAND);
    }
}
