package io.imlab.activities.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The end of a training job.
 *
 * @param jobName  the job
 * @param status   classification of the exit
 * @param exitCode the process exit code (for a cancelled job, whatever the kill produced)
 * @param logTail  the last lines of stderr and non-JSON stdout, oldest first
 * @param logFile  the full log of those lines, or {@code null} where the launcher keeps none
 * @param reason   why the job ended as it did, in a few words (e.g. {@code exit code 1},
 *                 {@code OOMKilled: container trainer of pod p-0 exceeded its memory limit},
 *                 {@code image pull failed: ...}); a cluster launcher's classification lives here
 */
public record JobOutcome(String jobName, JobStatus status, int exitCode, List<String> logTail, Path logFile,
                         String reason) {

    /** Exit code of an outcome that no process exit produced (eviction, image pull failure, invalid spec). */
    public static final int NO_EXIT_CODE = -1;

    /** Copies the tail; a missing reason becomes the exit code. */
    public JobOutcome {
        logTail = List.copyOf(logTail);
        if (reason == null || reason.isBlank()) {
            reason = "exit code " + exitCode;
        }
    }

    /** An outcome whose reason is its exit code (a local process). */
    public JobOutcome(String jobName, JobStatus status, int exitCode, List<String> logTail, Path logFile) {
        this(jobName, status, exitCode, logTail, logFile, null);
    }

    /** Whether the job finished its work. */
    public boolean succeeded() {
        return status == JobStatus.SUCCEEDED;
    }

    /** Whether running the job again may succeed: only plain failures are retryable. */
    public boolean retryable() {
        return status == JobStatus.FAILED;
    }

    /** A one-paragraph description for error messages: status, exit code, log file and the log tail. */
    public String describe() {
        StringBuilder text = new StringBuilder("job ").append(jobName).append(' ')
                .append(status.name().toLowerCase(Locale.ROOT).replace('_', ' '))
                .append(" (").append(reason);
        if (exitCode != NO_EXIT_CODE && !reason.startsWith("exit code")) {
            text.append(", exit code ").append(exitCode);
        }
        text.append(')');
        if (logFile != null) {
            text.append(", log ").append(logFile);
        }
        if (!logTail.isEmpty()) {
            text.append("; last lines:\n  ").append(String.join("\n  ", logTail));
        }
        return text.toString();
    }
}
