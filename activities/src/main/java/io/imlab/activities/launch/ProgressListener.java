package io.imlab.activities.launch;

/**
 * Receives a job's progress lines, on a launcher thread, in the order they were printed. An exception
 * thrown here (for instance Temporal's when a heartbeat finds the activity cancelled) stops the job, and
 * {@link JobHandle#await()} rethrows it.
 */
@FunctionalInterface
public interface ProgressListener {

    /** Ignores progress. */
    ProgressListener NONE = event -> { };

    /** Called once per JSON object line on the job's stdout. */
    void onProgress(ProgressEvent event);
}
