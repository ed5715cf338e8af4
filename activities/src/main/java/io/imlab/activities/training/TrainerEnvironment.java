package io.imlab.activities.training;

/**
 * The environment variables of the trainer pod contract (docs/trainer-contract.md). A launcher sets them; the
 * {@code imlab train} entry point, or any image that keeps the contract, reads them. S3 access comes from the
 * {@code IMLAB_S3_*} variables of {@link io.imlab.activities.store.S3Config}.
 */
public final class TrainerEnvironment {
    /** Published mixture folder ({@code s3://bucket/mixtures/<hash>/}). */
    public static final String MIXTURE_URI = "IMLAB_MIXTURE_URI";
    /** Folder under which checkpoints are published as {@code step-<N>/} ({@code s3://bucket/runs/<run>/checkpoints/}). */
    public static final String CHECKPOINT_URI = "IMLAB_CHECKPOINT_URI";
    /** {@code latest} (default: newest complete checkpoint, if any) or {@code none} (start from scratch). */
    public static final String RESUME_FROM = "IMLAB_RESUME_FROM";
    /** JSON of {@link TrainerConfig}: the model and training specs. */
    public static final String CONFIG_JSON = "IMLAB_CONFIG_JSON";
    /** Local scratch folder for the mixture and checkpoints (a writable volume in a pod). */
    public static final String WORK_DIR = "IMLAB_WORK_DIR";
    /** Run id, for log context. */
    public static final String RUN_ID = "IMLAB_RUN_ID";
    /**
     * Process id of the worker that launched a local trainer ({@code LocalProcessLauncher} sets it): the trainer
     * exits with {@link #EXIT_PARENT_GONE} once that process is gone, since a child survives its parent's
     * SIGKILL and would otherwise train on next to the retried attempt. Unset in pods (the kubelet stops them).
     */
    public static final String PARENT_PID = io.imlab.activities.launch.LocalProcessLauncher.PARENT_PID_VARIABLE;

    public static final String RESUME_LATEST = "latest";
    public static final String RESUME_NONE = "none";

    /** Exit code for a configuration error: the job is never retried. */
    public static final int EXIT_CONFIGURATION_ERROR = 2;
    /** Exit code when the launching process died: retryable, the next attempt resumes from the last checkpoint. */
    public static final int EXIT_PARENT_GONE = 3;

    private TrainerEnvironment() {
    }
}
