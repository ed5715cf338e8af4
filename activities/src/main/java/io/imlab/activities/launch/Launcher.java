package io.imlab.activities.launch;

/**
 * Runs training jobs: as a child process here ({@link LocalProcessLauncher}) or as pods in a cluster.
 */
public interface Launcher {

    /**
     * Starts the job and returns at once.
     *
     * @param spec     what to run
     * @param listener receives the job's progress lines
     * @throws JobLaunchException when the job cannot be started at all
     */
    JobHandle launch(TrainingJobSpec spec, ProgressListener listener);
}
