package io.imlab.workflows.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One metric imlab publishes, defined once in {@link MetricCatalogue}.
 *
 * @param name     Micrometer meter name, dotted and lower case, starting with {@code imlab.}
 *                 (e.g. {@code imlab.experiments.started})
 * @param type     counter, gauge, timer or distribution
 * @param baseUnit unit of the recorded values ({@code seconds}, {@code bytes}, {@code tokens}); empty for
 *                 dimensionless values; always {@code seconds} for timers, which Micrometer exports in seconds
 * @param tagKeys  the tag (Prometheus label) keys every meter of this metric carries, in a fixed order
 * @param help     one sentence saying what is measured and when it is recorded
 * @param buckets  histogram bucket upper bounds in the base unit (ascending) for timers and distributions;
 *                 empty for counters and gauges
 */
public record MetricDefinition(String name, MetricType type, String baseUnit, List<String> tagKeys, String help,
                               List<Double> buckets) {

    private static final Pattern NAME = Pattern.compile("imlab(\\.[a-z][a-z0-9]*)+");
    private static final Pattern TAG_KEY = Pattern.compile("[a-z][a-z0-9_]*");
    private static final Pattern UNIT = Pattern.compile("([a-z]+)?");

    /** Validates the definition, reporting every problem at once with its field. */
    public MetricDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        baseUnit = baseUnit == null ? "" : baseUnit;
        tagKeys = List.copyOf(tagKeys == null ? List.of() : tagKeys);
        buckets = List.copyOf(buckets == null ? List.of() : buckets);
        List<String> problems = new ArrayList<>();
        if (!NAME.matcher(name).matches()) {
            problems.add("name: must be dotted lower case starting with 'imlab.', was '" + name + "'");
        }
        if (!UNIT.matcher(baseUnit).matches()) {
            problems.add("baseUnit: must be one lower-case word or empty, was '" + baseUnit + "'");
        }
        if (type == MetricType.TIMER && !baseUnit.equals("seconds")) {
            problems.add("baseUnit: timers are exported in seconds, was '" + baseUnit + "'");
        }
        for (int i = 0; i < tagKeys.size(); i++) {
            if (!TAG_KEY.matcher(tagKeys.get(i)).matches()) {
                problems.add("tagKeys[" + i + "]: must be a lower-case Prometheus label name, was '" + tagKeys.get(i) + "'");
            }
        }
        if (tagKeys.stream().distinct().count() != tagKeys.size()) {
            problems.add("tagKeys: must not repeat a key, was " + tagKeys);
        }
        if (help == null || help.isBlank()) {
            problems.add("help: must not be blank");
        }
        if (type.hasBuckets() && buckets.isEmpty()) {
            problems.add("buckets: a " + type + " needs histogram buckets");
        }
        if (!type.hasBuckets() && !buckets.isEmpty()) {
            problems.add("buckets: a " + type + " has no histogram, was " + buckets);
        }
        for (int i = 1; i < buckets.size(); i++) {
            if (!(buckets.get(i) > buckets.get(i - 1))) {
                problems.add("buckets[" + i + "]: must be greater than the bucket before it, was " + buckets.get(i));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("metric " + name + ": " + String.join("; ", problems));
        }
    }

    /**
     * The Prometheus base name Micrometer derives: dots become underscores, and the base unit is appended when the
     * name does not already end with it ({@code imlab.checkpoint.size} + bytes → {@code imlab_checkpoint_size_bytes}).
     */
    public String prometheusBaseName() {
        String snake = name.replace('.', '_');
        if (!baseUnit.isEmpty() && !snake.endsWith("_" + baseUnit)) {
            snake = snake + "_" + baseUnit;
        }
        return snake;
    }

    /** Every Prometheus series this metric is exported as, e.g. {@code imlab_experiments_started_total}. */
    public List<String> prometheusSeriesNames() {
        String base = prometheusBaseName();
        return type.seriesSuffixes().stream().map(suffix -> base + suffix).toList();
    }
}
