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
 */
public record JobOutcome(String jobName, JobStatus status, int exitCode, List<String> logTail, Path logFile) {

    /** Copies the tail. */
    public JobOutcome {
        logTail = List.copyOf(logTail);
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
                .append(" (exit code ").append(exitCode).append(')');
        if (logFile != null) {
            text.append(", log ").append(logFile);
        }
        if (!logTail.isEmpty()) {
            text.append("; last lines:\n  ").append(String.join("\n  ", logTail));
        }
        return text.toString();
    }
}
