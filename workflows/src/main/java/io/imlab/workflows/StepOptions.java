package io.imlab.workflows;

import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;

import java.time.Duration;

/**
 * Timeouts and retries of each experiment step. Every step retries transient faults with
 * exponential backoff and never retries a {@link FailureTypes#CONFIGURATION_ERROR}.
 */
public final class StepOptions {
    /**
     * A training attempt that has not heartbeated for this long is presumed dead and retried. The activity
     * heartbeats every 5 s whatever the trainer does, and the SDK sends heartbeats at most every 0.8 × this
     * timeout — which is also how soon a running attempt learns that it was cancelled and stops its job.
     */
    public static final Duration TRAINING_HEARTBEAT_TIMEOUT = Duration.ofSeconds(15);

    /** Attempts per step, the first included. */
    public static final int MAX_ATTEMPTS = 3;

    private StepOptions() {
    }

    /** Building a bench reads sources and writes a few files: minutes at most. */
    public static ActivityOptions buildBench() {
        return options(Duration.ofMinutes(30));
    }

    /** Sampling and packing a mixture: minutes at most. */
    public static ActivityOptions sampleMixture() {
        return options(Duration.ofMinutes(30));
    }

    /**
     * Training can take hours, so liveness comes from heartbeats rather than the start-to-close
     * timeout; a retried attempt resumes from its last checkpoint.
     */
    public static ActivityOptions train() {
        return ActivityOptions.newBuilder(options(Duration.ofHours(24)))
                .setHeartbeatTimeout(TRAINING_HEARTBEAT_TIMEOUT)
                // A cancelled experiment ends only after the attempt has stopped its training job (pods deleted).
                .setCancellationType(ActivityCancellationType.WAIT_CANCELLATION_COMPLETED)
                .build();
    }

    /** Scoring three levels, 0-shot and k-shot. */
    public static ActivityOptions evaluate() {
        return options(Duration.ofHours(2));
    }

    /** Writing report files. */
    public static ActivityOptions report() {
        return options(Duration.ofMinutes(10));
    }

    /**
     * Waiting for a single-flight build: as long as the build itself may take, heartbeating so a dead worker's
     * wait is retried (the retry attaches to the same build in flight).
     */
    public static ActivityOptions awaitFlight() {
        return ActivityOptions.newBuilder(options(Duration.ofMinutes(40)))
                .setHeartbeatTimeout(Duration.ofSeconds(30))
                .build();
    }

    /** Writing one small index file. */
    public static ActivityOptions index() {
        return options(Duration.ofMinutes(1));
    }

    private static ActivityOptions options(Duration startToClose) {
        return ActivityOptions.newBuilder()
                .setStartToCloseTimeout(startToClose)
                .setRetryOptions(RetryOptions.newBuilder()
                        .setInitialInterval(Duration.ofSeconds(2))
                        .setBackoffCoefficient(2.0)
                        .setMaximumInterval(Duration.ofMinutes(1))
                        .setMaximumAttempts(MAX_ATTEMPTS)
                        .setDoNotRetry(FailureTypes.CONFIGURATION_ERROR)
                        .build())
                .build();
    }
}
