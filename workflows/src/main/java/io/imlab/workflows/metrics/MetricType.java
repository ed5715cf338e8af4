package io.imlab.workflows.metrics;

import java.util.List;

/**
 * The kind of a catalogued metric, and the Prometheus series a Micrometer meter of that kind becomes.
 *
 * <p>Micrometer's Prometheus registry (1.13+, on prometheus-metrics 1.x) converts a dotted meter name to snake
 * case, appends the base unit when the name does not already end with it, and then adds the series suffixes
 * listed by {@link #seriesSuffixes()}. Timers are always exported in seconds.
 */
public enum MetricType {
    /** Monotonic count; Prometheus series {@code <name>_total}. */
    COUNTER(List.of("_total")),
    /** Current value that goes up and down; Prometheus series {@code <name>}. */
    GAUGE(List.of("")),
    /**
     * Durations, exported in seconds as a histogram with the catalogued buckets:
     * {@code <name>_seconds_bucket}, {@code _count}, {@code _sum}, and Micrometer's decaying {@code _max} gauge.
     */
    TIMER(List.of("_bucket", "_count", "_sum", "_max")),
    /**
     * Sizes or other non-time amounts, exported as a histogram with the catalogued buckets:
     * {@code <name>_<unit>_bucket}, {@code _count}, {@code _sum}, {@code _max}.
     */
    DISTRIBUTION(List.of("_bucket", "_count", "_sum", "_max"));

    private final List<String> seriesSuffixes;

    MetricType(List<String> seriesSuffixes) {
        this.seriesSuffixes = seriesSuffixes;
    }

    /** Suffixes appended to the converted base name to get every Prometheus series of this kind. */
    public List<String> seriesSuffixes() {
        return seriesSuffixes;
    }

    /** Whether meters of this kind carry histogram buckets. */
    public boolean hasBuckets() {
        return this == TIMER || this == DISTRIBUTION;
    }
}
