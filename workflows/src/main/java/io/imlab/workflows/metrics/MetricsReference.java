package io.imlab.workflows.metrics;

import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders the metric reference ({@code docs/metrics.md}) from {@link MetricCatalogue}. Pure: it returns text, and
 * {@code io.imlab.activities.metrics.MetricsReferenceGenerator} writes it.
 */
public final class MetricsReference {

    /** The command that regenerates {@code docs/metrics.md}, printed by the drift test. */
    public static final String REGENERATE_COMMAND = "./mvnw -o -q -pl activities -am test "
            + "-Dtest=MetricsReferenceDriftTest -Dsurefire.failIfNoSpecifiedTests=false -Dimlab.regenerate=true";

    private MetricsReference() {
    }

    /** The full Markdown reference. */
    public static String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Metrics reference\n\n");
        md.append("<!-- GENERATED from io.imlab.workflows.metrics.MetricCatalogue: do not edit by hand.\n");
        md.append("     Regenerate with: ").append(REGENERATE_COMMAND).append(" -->\n\n");
        md.append("""
                imlab's worker publishes the metrics below through Micrometer on a Prometheus endpoint \
                (`/metrics` on the port set by `IMLAB_METRICS_PORT`; the Helm chart's metrics Service and optional \
                ServiceMonitor point Prometheus at it). Every metric is defined once in `MetricCatalogue`; \
                dashboards and alert rules may only query the series listed here, and a test in the `charts` \
                module fails when one uses anything else.

                ## How Micrometer names become Prometheus series

                Micrometer's Prometheus registry turns dots into underscores, appends the base unit when the name \
                does not already end with it, and adds a suffix per meter type:

                | Micrometer meter | Prometheus series |
                |---|---|
                | counter `imlab.experiments.started` | `imlab_experiments_started_total` |
                | gauge `imlab.training.loss` | `imlab_training_loss` |
                | gauge `imlab.training.progress.timestamp`, unit seconds | `imlab_training_progress_timestamp_seconds` |
                | timer `imlab.step.duration` (always seconds) | `imlab_step_duration_seconds_bucket`, `_count`, `_sum`, `_max` |
                | distribution `imlab.checkpoint.size`, unit bytes | `imlab_checkpoint_size_bytes_bucket`, `_count`, `_sum`, `_max` |

                `_bucket` series carry the catalogued bucket bounds as `le` (plus `+Inf`); `_max` is Micrometer's \
                decaying maximum over the last few minutes, not an all-time maximum.

                ## imlab metrics

                | Micrometer name | type | unit | tags | Prometheus series | help |
                |---|---|---|---|---|---|
                """);
        for (MetricDefinition m : MetricCatalogue.all()) {
            md.append("| `").append(m.name()).append("` | ")
                    .append(m.type().name().toLowerCase(Locale.ROOT)).append(" | ")
                    .append(m.baseUnit().isEmpty() ? "—" : m.baseUnit()).append(" | ")
                    .append(m.tagKeys().isEmpty() ? "—"
                            : m.tagKeys().stream().map(t -> "`" + t + "`").collect(Collectors.joining(", ")))
                    .append(" | ")
                    .append(m.prometheusSeriesNames().stream().map(s -> "`" + s + "`")
                            .collect(Collectors.joining("<br>")))
                    .append(" | ").append(m.help());
            if (!m.buckets().isEmpty()) {
                md.append(" Buckets (").append(m.type() == MetricType.TIMER ? "seconds" : m.baseUnit()).append("): ")
                        .append(m.buckets().stream().map(MetricsReference::number).collect(Collectors.joining(", ")))
                        .append(".");
            }
            md.append(" |\n");
        }
        md.append("\n## Tags\n\n| tag | meaning |\n|---|---|\n");
        MetricCatalogue.tagDescriptions().forEach((key, meaning) ->
                md.append("| `").append(key).append("` | ").append(meaning).append(" |\n"));
        md.append("""

                ## External series used by dashboards

                These series are not defined by imlab. `temporal-sdk` series come from the Temporal Java SDK's own \
                metrics, which the worker publishes on the same endpoint through Micrometer \
                (`ImlabMetrics.temporalMetricsScope`); latency timers are exported as histograms with fixed buckets. \
                `dcgm-exporter` series exist only where NVIDIA's DCGM exporter runs on the GPU nodes; imlab does not \
                install it, and panels built on it show no data without it.

                | series | source | needs an exporter imlab does not run | help |
                |---|---|---|---|
                """);
        for (ExternalSeries e : MetricCatalogue.external()) {
            md.append("| `").append(e.name()).append("` | ").append(e.source()).append(" | ")
                    .append(e.needsExporter() ? "yes" : "no").append(" | ").append(e.help()).append(" |\n");
        }
        return md.toString();
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e6) {
            return Long.toString((long) value);
        }
        return Double.toString(value);
    }
}
