package io.imlab.activities.launch;

/** How a training job ended, derived from the trainer contract's exit codes. */
public enum JobStatus {
    /** Exit code 0: done. */
    SUCCEEDED,
    /** Exit code 2: the configuration is wrong; running it again gives the same result, so never retry. */
    CONFIGURATION_ERROR,
    /** Any other exit code: a fault that a retry may not meet again (crash, OOM kill, lost node). */
    FAILED,
    /** Stopped by {@link JobHandle#cancel()}. */
    CANCELLED;

    /** Exit code of a configuration error in the trainer contract. */
    public static final int CONFIGURATION_ERROR_EXIT_CODE = 2;

    /** Classifies the exit code of a job that was not cancelled. */
    public static JobStatus fromExitCode(int exitCode) {
        if (exitCode == 0) {
            return SUCCEEDED;
        }
        return exitCode == CONFIGURATION_ERROR_EXIT_CODE ? CONFIGURATION_ERROR : FAILED;
    }
}
