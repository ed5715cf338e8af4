package io.imlab.activities.launch;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The waiting half of every {@link JobHandle}: a job's outcome as it completes, and the rule that a progress
 * listener's failure (for example Temporal's cancellation of the activity) is what waiting callers see,
 * rethrown unchanged, instead of the outcome.
 */
public final class JobOutcomeFuture {
    private final String jobName;
    private final CompletableFuture<JobOutcome> outcome;
    private final AtomicReference<RuntimeException> listenerFailure = new AtomicReference<>();

    /**
     * @param jobName for error messages
     * @param outcome completes with the job's outcome, or exceptionally when monitoring the job failed
     */
    public JobOutcomeFuture(String jobName, CompletableFuture<JobOutcome> outcome) {
        this.jobName = jobName;
        this.outcome = outcome;
    }

    public CompletableFuture<JobOutcome> future() {
        return outcome;
    }

    /** Records the first listener failure; returns whether this call recorded it. */
    public boolean listenerFailed(RuntimeException failure) {
        return listenerFailure.compareAndSet(null, failure);
    }

    public boolean listenerHasFailed() {
        return listenerFailure.get() != null;
    }

    /** As {@link JobHandle#waitFor(Duration)}. */
    public Optional<JobOutcome> waitFor(Duration timeout) throws InterruptedException {
        try {
            return Optional.of(outcome.get(timeout.toNanos(), TimeUnit.NANOSECONDS)).map(this::orListenerFailure);
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (ExecutionException e) {
            throw new IllegalStateException("monitoring job " + jobName + " failed", e.getCause());
        }
    }

    /** As {@link JobHandle#await()}. */
    public JobOutcome await() throws InterruptedException {
        try {
            return orListenerFailure(outcome.get());
        } catch (ExecutionException e) {
            throw new IllegalStateException("monitoring job " + jobName + " failed", e.getCause());
        }
    }

    private JobOutcome orListenerFailure(JobOutcome result) {
        RuntimeException failure = listenerFailure.get();
        if (failure != null) {
            throw failure;
        }
        return result;
    }
}
