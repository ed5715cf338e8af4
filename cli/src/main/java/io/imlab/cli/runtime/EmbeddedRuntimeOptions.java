package io.imlab.cli.runtime;

import io.imlab.activities.store.S3Uri;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Settings of the {@link EmbeddedRuntime}.
 *
 * @param s3Root folder the embedded S3 server stores objects in ({@code <s3Root>/<bucket>/<key>}); kept
 *               across runs, so published benches and mixtures are reused
 * @param bucket bucket created for imlab's artifacts
 */
public record EmbeddedRuntimeOptions(Path s3Root, String bucket) {

    /** Default {@link #s3Root()}, relative to the current directory. */
    public static final Path DEFAULT_S3_ROOT = Path.of(".imlab", "s3");
    /** Default {@link #bucket()}. */
    public static final String DEFAULT_BUCKET = "imlab";

    /**
     * Validates both fields and reports all problems at once.
     *
     * @throws IllegalArgumentException naming each invalid field
     */
    public EmbeddedRuntimeOptions {
        List<String> problems = new ArrayList<>();
        if (s3Root == null) {
            problems.add("s3Root: must be set");
        }
        try {
            S3Uri.bucketRoot(bucket == null ? "" : bucket);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid embedded runtime options: " + String.join("; ", problems));
        }
    }

    /** {@value #DEFAULT_BUCKET} in {@code ./.imlab/s3}. */
    public static EmbeddedRuntimeOptions defaults() {
        return new EmbeddedRuntimeOptions(DEFAULT_S3_ROOT, DEFAULT_BUCKET);
    }
}
