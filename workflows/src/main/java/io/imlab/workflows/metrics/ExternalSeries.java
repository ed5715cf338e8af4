package io.imlab.workflows.metrics;

import java.util.Objects;

/**
 * A Prometheus series that dashboards or alerts use but imlab does not define: Temporal SDK metrics (published by
 * imlab's worker through Micrometer) or metrics of an exporter imlab does not run (NVIDIA's DCGM exporter).
 *
 * @param name           the Prometheus series name, exactly as scraped
 * @param source         who publishes it (e.g. {@code temporal-sdk}, {@code dcgm-exporter})
 * @param help           what it measures
 * @param needsExporter  true when the series only exists where the cluster runs that exporter; panels that use it
 *                       show no data elsewhere
 */
public record ExternalSeries(String name, String source, String help, boolean needsExporter) {

    /** Requires every field. */
    public ExternalSeries {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(help, "help");
    }
}
