package io.imlab.cli.bench;

import java.nio.file.Path;

/**
 * Where a {@code collections} bench's data lives when it is not where the spec says: a {@code --data-root}
 * flag wins over the {@value #ENVIRONMENT_VARIABLE} environment variable, which wins over the spec's
 * {@code bench.dataRoot}.
 */
public final class DataRoot {
    /** Environment variable naming the data root, e.g. {@code IMLAB_DATA_ROOT=/data/opt-iml}. */
    public static final String ENVIRONMENT_VARIABLE = "IMLAB_DATA_ROOT";

    private DataRoot() {
    }

    /** The override to pass to the spec loader (absolute), or {@code null} for the spec's own {@code bench.dataRoot}. */
    public static Path override(Path flag) {
        if (flag != null) {
            return flag.toAbsolutePath().normalize();
        }
        String fromEnvironment = System.getenv(ENVIRONMENT_VARIABLE);
        return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment).toAbsolutePath().normalize();
    }
}
