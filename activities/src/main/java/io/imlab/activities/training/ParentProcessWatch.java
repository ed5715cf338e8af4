package io.imlab.activities.training;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the process named by {@link TrainerEnvironment#PARENT_PID} from a daemon thread and runs an action
 * once it is gone. A child process outlives its parent's SIGKILL: without this watch, the trainer of a killed
 * worker would keep training, and publishing checkpoints, next to the attempt that Temporal retries on another
 * worker.
 */
public final class ParentProcessWatch implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ParentProcessWatch.class);
    /** How often the parent is checked by default. */
    public static final Duration DEFAULT_EVERY = Duration.ofMillis(250);

    private final ScheduledExecutorService timer;

    private ParentProcessWatch(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /**
     * Starts watching when {@code env} names a parent process.
     *
     * @param env          the trainer's environment
     * @param every        how often to check
     * @param onParentGone run once, on the watch thread, when the parent is no longer alive (at once when it
     *                     is already gone)
     * @return the running watch, or empty when {@link TrainerEnvironment#PARENT_PID} is unset
     * @throws IllegalArgumentException when the variable is not a process id
     */
    public static Optional<ParentProcessWatch> start(Map<String, String> env, Duration every, Runnable onParentGone) {
        Objects.requireNonNull(onParentGone, "onParentGone");
        String value = env.get(TrainerEnvironment.PARENT_PID);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(TrainerEnvironment.PARENT_PID + ": must be a process id, got '" + value + "'", e);
        }
        if (pid <= 0) {
            throw new IllegalArgumentException(TrainerEnvironment.PARENT_PID + ": must be a process id, got '" + value + "'");
        }
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "imlab-parent-watch");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean fired = new AtomicBoolean();
        timer.scheduleWithFixedDelay(() -> {
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            if (!alive && fired.compareAndSet(false, true)) {
                LOG.warn("parent process {} is gone; stopping (a retried attempt resumes from the last checkpoint)", pid);
                onParentGone.run();
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.of(new ParentProcessWatch(timer));
    }

    /** Stops watching. */
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
