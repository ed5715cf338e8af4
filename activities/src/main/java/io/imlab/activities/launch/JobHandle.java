package io.imlab.activities.launch;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/** A launched training job. Thread-safe. */
public interface JobHandle {

    /** The job's name. */
    String jobName();

    /**
     * Waits at most {@code timeout} for the job to end.
     *
     * @return the outcome, or empty when the job is still running
     * @throws InterruptedException when the waiting thread is interrupted (the job keeps running)
     * @throws RuntimeException     the progress listener's exception, after the job was stopped because of it
     */
    Optional<JobOutcome> waitFor(Duration timeout) throws InterruptedException;

    /**
     * Waits for the job to end.
     *
     * @throws InterruptedException when the waiting thread is interrupted (the job keeps running)
     * @throws RuntimeException     the progress listener's exception, after the job was stopped because of it
     */
    JobOutcome await() throws InterruptedException;

    /** Stops the job and everything it started; the outcome becomes {@link JobStatus#CANCELLED}. Idempotent. */
    void cancel();

    /** The exit code once the job has ended. */
    OptionalInt exitCode();
}
