package io.imlab.activities.launch;

/** A job could not be started (bad working directory, missing Java binary, ...). */
public class JobLaunchException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the job
     * @param cause   the underlying error
     */
    public JobLaunchException(String message, Throwable cause) {
        super(message, cause);
    }
}
