package io.imlab.activities.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.net.URI;

/**
 * Serves a {@link PrometheusMeterRegistry} over HTTP ({@code /metrics}) for Prometheus to scrape, using the
 * prometheus-metrics exporter that Micrometer's registry is built on.
 */
public final class PrometheusEndpoint implements AutoCloseable {

    private final HTTPServer server;
    private final String host;

    private PrometheusEndpoint(HTTPServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /**
     * Starts serving.
     *
     * @param host address to bind, {@code 127.0.0.1} for the embedded runtime, {@code 0.0.0.0} in a pod
     * @param port port to bind; 0 picks a free one (see {@link #port()})
     * @throws IOException when the port cannot be bound
     */
    public static PrometheusEndpoint start(PrometheusMeterRegistry registry, String host, int port) throws IOException {
        HTTPServer server = HTTPServer.builder().hostname(host).port(port)
                .registry(registry.getPrometheusRegistry()).buildAndStart();
        return new PrometheusEndpoint(server, host);
    }

    /** The bound port. */
    public int port() {
        return server.getPort();
    }

    /** The scrape URI, e.g. {@code http://127.0.0.1:9464/metrics}. */
    public URI metricsUri() {
        String h = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return URI.create("http://" + h + ":" + port() + "/metrics");
    }

    /** Stops serving. */
    @Override
    public void close() {
        server.close();
    }
}
