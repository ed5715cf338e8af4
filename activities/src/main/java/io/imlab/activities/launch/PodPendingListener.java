package io.imlab.activities.launch;

import java.time.Instant;

/**
 * Hears how long a launcher's training pods (or local processes) wait before they run: the pod queue wait of the
 * platform health dashboard and the pods-pending alert ({@code ImlabMetrics} implements it).
 *
 * <p>What counts as the pending period of a pod: from its creation (the pod's {@code creationTimestamp}; for a
 * local process, the launch request) until its trainer container starts, or, for a pod that never runs, until the
 * launcher sees that it never will (it ended, was deleted, or its job ended or was cancelled). A wait that ends
 * without running still counts: leaving it out would hide exactly the longest waits, those of jobs cancelled
 * because they could not be scheduled. Each pod is one wait; a launcher reports it once.
 *
 * <p>Called from launcher threads; implementations must be thread-safe and must not throw.
 */
public interface PodPendingListener {

    /** Hears nothing. */
    PodPendingListener NONE = new PodPendingListener() {
        @Override
        public void launcherReady(String launcher) {
        }

        @Override
        public void podPending(String launcher, String pod, Instant createdAt) {
        }

        @Override
        public void podPendingEnded(String launcher, String pod, Instant endedAt) {
        }
    };

    /**
     * A launcher of this kind is in use (called once when it is built), so its series exist, at zero, before the
     * first pod waits.
     *
     * @param launcher {@code local} or {@code kubernetes}
     */
    void launcherReady(String launcher);

    /**
     * A pod was created at {@code createdAt} and does not run yet. A second report of a pod still pending is the
     * same wait.
     *
     * @param pod the pod's name (a local launcher: a name unique among its running jobs)
     */
    void podPending(String launcher, String pod, Instant createdAt);

    /**
     * The pending period of a pod reported by {@link #podPending} ended at {@code endedAt}: its trainer started
     * then, or it will never run. A pod not pending (never reported, or already ended) is ignored.
     */
    void podPendingEnded(String launcher, String pod, Instant endedAt);
}
