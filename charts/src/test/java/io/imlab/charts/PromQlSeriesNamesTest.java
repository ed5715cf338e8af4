package io.imlab.charts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlSeriesNamesTest {

    @Test
    void findsSelectorsInsideFunctionsAggregationsAndBinaryOperations() {
        assertThat(PromQlSeriesNames.of("histogram_quantile(0.9, sum by (le, step) "
                + "(rate(imlab_step_duration_seconds_bucket{result=\"success\"}[$__rate_interval])))"))
                .containsExactly("imlab_step_duration_seconds_bucket");
        assertThat(PromQlSeriesNames.of("time() - imlab_training_progress_timestamp_seconds > 15 * 60"))
                .containsExactly("imlab_training_progress_timestamp_seconds");
        assertThat(PromQlSeriesNames.of("sum by (experiment) (increase(a_total{result=\"failure\"}[30m])) > 0\n"
                + "unless on (experiment) sum by (experiment) (increase(b_total[30m])) > 1e-9"))
                .containsExactly("a_total", "b_total");
    }

    @Test
    void ignoresLabelValuesThatLookLikeMetricNames() {
        assertThat(PromQlSeriesNames.of("max by (shots) (imlab_eval_score{experiment=~\"$experiment\", "
                + "level=\"not_a_metric\"})")).containsExactly("imlab_eval_score");
    }

    @Test
    void readsGrafanaLabelValuesQueries() {
        assertThat(PromQlSeriesNames.of("label_values(imlab_grid_cells, grid)")).containsExactly("imlab_grid_cells");
    }

    @Test
    void reportsAnUncataloguedName() {
        assertThat(PromQlSeriesNames.of("rate(imlab_made_up_total[5m]) / on (x) group_left (y) DCGM_FI_DEV_GPU_UTIL"))
                .containsExactly("imlab_made_up_total", "DCGM_FI_DEV_GPU_UTIL");
    }
}
