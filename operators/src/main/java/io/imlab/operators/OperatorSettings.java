package io.imlab.operators;

import java.time.Duration;
import java.util.Objects;

/**
 * How the operator runs its resources' workflows.
 *
 * @param bucket       object-store bucket every workflow writes its artifacts to (the workers' {@code IMLAB_S3_BUCKET})
 * @param pollInterval how often a running resource's status is refreshed from its workflow
 */
public record OperatorSettings(String bucket, Duration pollInterval) {
    /** Status refresh of a running resource: often enough to follow steps that take minutes. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(15);

    public OperatorSettings {
        Objects.requireNonNull(bucket, "bucket");
        if (bucket.isBlank()) {
            throw new IllegalArgumentException("the bucket must not be blank");
        }
        if (pollInterval == null || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("the poll interval must be positive, got " + pollInterval);
        }
    }
}
