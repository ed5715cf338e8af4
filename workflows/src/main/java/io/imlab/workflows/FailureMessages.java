package io.imlab.workflows;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;

/** Human-readable reasons from Temporal's failure chains (which wrap the real message in layers). */
final class FailureMessages {
    private FailureMessages() {
    }

    /**
     * The reason inside an activity or child-workflow failure: the message the activity (or the
     * child workflow) raised, or the timeout/cancellation that ended it.
     */
    static String reason(TemporalFailure failure) {
        Throwable cause = failure instanceof ActivityFailure || failure instanceof ChildWorkflowFailure
                ? failure.getCause()
                : failure;
        if (cause == null) {
            return failure.getOriginalMessage();
        }
        if (cause instanceof ApplicationFailure application) {
            String type = application.getType();
            return application.getOriginalMessage()
                    + (type == null || type.isEmpty() || type.equals(FailureTypes.EXPERIMENT_STEP_FAILED)
                    ? "" : " (" + simpleType(type) + ")");
        }
        if (cause instanceof TimeoutFailure timeout) {
            return "timed out (" + timeout.getTimeoutType() + ")";
        }
        if (cause instanceof TemporalFailure temporal) {
            return temporal.getOriginalMessage().isEmpty() ? cause.getClass().getSimpleName() : temporal.getOriginalMessage();
        }
        return String.valueOf(cause.getMessage());
    }

    private static String simpleType(String type) {
        return type.substring(type.lastIndexOf('.') + 1);
    }
}
