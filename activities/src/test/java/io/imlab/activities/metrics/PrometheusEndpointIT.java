package io.imlab.activities.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PrometheusEndpointIT {

    @Test
    void servesTheRegistryInPrometheusTextFormat() throws Exception {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ImlabMetrics metrics = new ImlabMetrics(registry);
        metrics.experimentStarted();
        metrics.experimentFailed("timeout");

        try (PrometheusEndpoint endpoint = PrometheusEndpoint.start(registry, "127.0.0.1", 0)) {
            assertThat(endpoint.port()).isPositive();
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.metricsUri()).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body())
                    .contains("imlab_experiments_started_total 1.0")
                    .contains("imlab_experiments_failed_total{reason=\"timeout\"} 1.0")
                    .contains("# HELP imlab_experiments_started_total");

            // the Helm chart's readiness and liveness probes use this path
            HttpResponse<String> health = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(endpoint.metricsUri().resolve("/-/healthy")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }
}
