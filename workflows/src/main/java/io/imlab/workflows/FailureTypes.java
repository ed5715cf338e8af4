package io.imlab.workflows;

/**
 * {@code ApplicationFailure} types that the workflows treat specially. Activities throw them with
 * {@code ApplicationFailure.newFailure(message, type)}.
 */
public final class FailureTypes {
    /**
     * The inputs cannot work however often they are tried (a bad spec, a trainer exit code 2): never
     * retried, so the experiment fails at once with the message instead of after every backoff.
     */
    public static final String CONFIGURATION_ERROR = "ConfigurationError";

    /** An experiment failed in one of its steps; the failure's details hold the step's label. */
    public static final String EXPERIMENT_STEP_FAILED = "ExperimentStepFailed";

    /** The grid report could not be written after every cell ended. */
    public static final String GRID_REPORT_FAILED = "GridReportFailed";

    private FailureTypes() {
    }
}
