package io.imlab.activities;

import io.imlab.workflows.FailureTypes;
import io.temporal.failure.ApplicationFailure;

/**
 * Turns exceptions into Temporal failures with the right retry semantics: a bad specification or bad
 * input is a configuration error that no retry can fix, so it fails at once with the reason.
 */
public final class ActivityFailures {
    private ActivityFailures() {
    }

    /** A non-retryable failure of type {@link FailureTypes#CONFIGURATION_ERROR}. */
    public static ApplicationFailure configurationError(String message, Throwable cause) {
        return ApplicationFailure.newNonRetryableFailureWithCause(message, FailureTypes.CONFIGURATION_ERROR, cause);
    }
}
