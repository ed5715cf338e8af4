package io.imlab.workflows;

import io.imlab.workflows.flight.ArtifactFlightActivitiesImpl;

import java.util.List;

/** What every worker on {@link TaskQueues#EXPERIMENTS} registers, besides the step activities. */
public final class WorkflowTypes {
    private WorkflowTypes() {
    }

    /** Experiment, grid and single-flight build workflow implementations. */
    public static Class<?>[] implementations() {
        return new Class<?>[]{ExperimentWorkflowImpl.class, AblationGridWorkflowImpl.class,
                ArtifactBuildWorkflowsImpl.Bench.class, ArtifactBuildWorkflowsImpl.Mixture.class};
    }

    /** Activities that belong to the orchestration itself: single-flight waits. */
    public static List<Object> orchestrationActivities() {
        return List.of(new ArtifactFlightActivitiesImpl());
    }
}
