package io.imlab.workflows;

/** Task queue names shared by workers and clients. */
public final class TaskQueues {
    /**
     * Experiment and grid workflows and all their activities. Child workflows inherit the parent's queue, so
     * both workflow types must be registered on it.
     */
    public static final String EXPERIMENTS = "imlab-experiments";

    private TaskQueues() {
    }
}
