package io.imlab.activities.launch.k8s;

import io.imlab.activities.launch.JobOutcome;
import io.imlab.activities.launch.JobStatus;

/**
 * What one look at a training pod says, classified for retry semantics by {@link PodFailureClassifier}.
 *
 * @param podName  the pod
 * @param phase    where the pod stands
 * @param status   for {@link Phase#ENDED}: how it ended; for {@link Phase#START_FAILING}: the status it turns into
 *                 once the grace period is over; else {@code null}
 * @param exitCode the trainer container's exit code, or {@link JobOutcome#NO_EXIT_CODE}
 * @param reason   the classification in a few words, with Kubernetes' own reason and message
 */
public record PodObservation(String podName, Phase phase, JobStatus status, int exitCode, String reason) {

    /** Where a pod stands. */
    public enum Phase {
        /** Not started yet (scheduling, pulling the image). */
        PENDING,
        /** The trainer container runs. */
        RUNNING,
        /**
         * The container cannot start for a reason that may clear up (image pull back-off, missing Secret): a
         * configuration error only if it lasts beyond the launcher's grace period.
         */
        START_FAILING,
        /** Done: {@link #status()} says how. */
        ENDED
    }

    /** Whether the pod ended successfully. */
    public boolean succeeded() {
        return phase == Phase.ENDED && status == JobStatus.SUCCEEDED;
    }

    /** Whether the pod ended in failure (of any kind). */
    public boolean failed() {
        return phase == Phase.ENDED && status != JobStatus.SUCCEEDED;
    }
}
