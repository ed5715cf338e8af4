package io.imlab.activities.metrics;

import io.imlab.workflows.metrics.MetricsReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code docs/metrics.md} from the metric catalogue. Run it through the drift test
 * ({@value io.imlab.workflows.metrics.MetricsReference#REGENERATE_COMMAND}) or directly with the output path as the
 * only argument.
 */
public final class MetricsReferenceGenerator {

    private MetricsReferenceGenerator() {
    }

    /** Writes the reference to {@code args[0]} (default {@code docs/metrics.md}). */
    public static void main(String[] args) throws IOException {
        write(Path.of(args.length > 0 ? args[0] : "docs/metrics.md"));
    }

    /** Writes the reference to {@code target}, creating its folder. */
    public static void write(Path target) throws IOException {
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(target, MetricsReference.markdown(), StandardCharsets.UTF_8);
    }
}
