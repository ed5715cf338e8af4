package io.imlab.workflows;

import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;

/**
 * Temporal's in-process test environment with one worker on {@code queue} that runs every imlab workflow, the
 * orchestration activities, and {@link FakeExperimentActivities} in place of the pipeline's steps.
 */
final class FakeActivitiesWorker implements AutoCloseable {
    private final TestWorkflowEnvironment env;
    private final FakeExperimentActivities activities = new FakeExperimentActivities();

    private FakeActivitiesWorker(String queue) {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(queue);
        worker.registerWorkflowImplementationTypes(WorkflowTypes.implementations());
        worker.registerActivitiesImplementations(activities);
        WorkflowTypes.orchestrationActivities().forEach(worker::registerActivitiesImplementations);
        env.start();
    }

    /** Starts the environment and its worker. */
    static FakeActivitiesWorker start(String queue) {
        return new FakeActivitiesWorker(queue);
    }

    FakeExperimentActivities activities() {
        return activities;
    }

    WorkflowClient client() {
        return env.getWorkflowClient();
    }

    @Override
    public void close() {
        env.close();
    }
}
