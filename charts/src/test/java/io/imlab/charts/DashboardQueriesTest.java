package io.imlab.charts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.imlab.charts.OperationsQueries.Query;
import io.imlab.workflows.metrics.ExternalSeries;
import io.imlab.workflows.metrics.MetricCatalogue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Dashboards and alert rules may only query catalogued series (docs/metrics.md) or listed external series. */
class DashboardQueriesTest {

    @Test
    void everyExpressionUsesOnlyCataloguedOrListedExternalSeries() {
        List<Query> queries = new ArrayList<>(OperationsQueries.dashboardQueries());
        queries.addAll(OperationsQueries.alertQueries());
        Set<String> allowed = MetricCatalogue.queryableSeriesNames();

        List<String> problems = new ArrayList<>();
        for (Query query : queries) {
            Set<String> names = PromQlSeriesNames.of(query.expression());
            if (names.isEmpty()) {
                problems.add(query.where() + ": selects no series: " + query.expression());
            }
            names.stream().filter(name -> !allowed.contains(name))
                    .forEach(name -> problems.add(query.where() + ": '" + name + "' is not in MetricCatalogue"));
        }
        assertThat(queries).hasSizeGreaterThan(40);
        assertThat(problems).as("uncatalogued series (add them to MetricCatalogue or fix the query)").isEmpty();
    }

    @Test
    void panelsOnExporterMetricsSayWhichExporterTheyNeed() {
        Set<String> exporterSeries = new HashSet<>();
        MetricCatalogue.external().stream().filter(ExternalSeries::needsExporter)
                .forEach(e -> exporterSeries.add(e.name()));

        List<Query> exporterPanels = OperationsQueries.dashboardQueries().stream()
                .filter(q -> PromQlSeriesNames.of(q.expression()).stream().anyMatch(exporterSeries::contains))
                .toList();

        assertThat(exporterPanels).isNotEmpty().allSatisfy(q ->
                assertThat(q.description()).as(q.where()).contains("DCGM exporter").contains("not installed by imlab"));
    }

    @Test
    void dashboardsCoverGridsExperimentsAndPlatformHealth() {
        ObjectMapper json = new ObjectMapper();
        Set<String> uids = new HashSet<>();
        for (Path file : RepoFiles.dashboards()) {
            JsonNode dashboard = OperationsQueries.read(json, file);
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique uid in " + file).isTrue();
            assertThat(dashboard.path("tags").toString()).contains("imlab");
        }
        assertThat(uids).containsExactlyInAnyOrder("imlab-grid-overview", "imlab-experiment", "imlab-platform-health");
        String all = OperationsQueries.dashboardQueries().stream().map(Query::expression).reduce("", String::concat);
        assertThat(all).contains("imlab_grid_cells", "imlab_experiments_failed_total", "imlab_training_loss",
                "imlab_training_tokens_per_second", "imlab_checkpoint_upload_seconds", "imlab_eval_score",
                "temporal_workflow_endtoend_latency_seconds_bucket", "temporal_activity_execution_latency_seconds_bucket",
                "imlab_activity_retries_total", "imlab_pod_pending_seconds_bucket", "DCGM_FI_DEV_GPU_UTIL");
    }

    @Test
    void everyAlertHasSeverityAndAnnotations() {
        JsonNode groups = OperationsQueries.read(new YAMLMapper(), RepoFiles.alerts()).path("groups");
        List<String> alerts = new ArrayList<>();
        for (JsonNode group : groups) {
            for (JsonNode rule : group.path("rules")) {
                alerts.add(rule.path("alert").asText());
                assertThat(rule.path("labels").path("severity").asText()).as(rule.toString())
                        .isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asText()).isNotBlank();
                assertThat(rule.path("annotations").path("description").asText()).isNotBlank();
            }
        }
        assertThat(alerts).containsExactlyInAnyOrder("ImlabTrainingStalled", "ImlabCheckpointUploadsFailing",
                "ImlabExperimentFailureRateHigh", "ImlabPodsPendingTooLong");
    }
}
