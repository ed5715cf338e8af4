package io.imlab.workflows;

import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentStep;
import io.imlab.workflows.payload.GridInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Replays recorded workflow histories against the current workflow code, so a change that would
 * break workflows already running (a reordered step, a new activity without
 * {@code Workflow.getVersion}) fails the build.
 *
 * <p>The histories in {@code src/test/resources/histories/} were recorded from these workflows;
 * after an intentional, versioned change, add new recordings with
 * {@code ./mvnw -o -pl cookbook,workflows test -Dtest=WorkflowReplayTest -Dimlab.recordHistories=true}
 * (which overwrites the files) and keep the old ones if running workflows may still use them.
 */
class WorkflowReplayTest {
    private static final String EXPERIMENT_HISTORY = "histories/experiment-completed.json";
    private static final String FAILED_EXPERIMENT_HISTORY = "histories/experiment-train-failed.json";
    private static final String GRID_HISTORY = "histories/ablation-grid-one-cell-failed.json";

    @Test
    void replaysACompletedExperiment() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(EXPERIMENT_HISTORY, ExperimentWorkflowImpl.class);
    }

    @Test
    void replaysAnExperimentWhoseTrainingFailed() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(FAILED_EXPERIMENT_HISTORY, ExperimentWorkflowImpl.class);
    }

    @Test
    void replaysAGridWithAFailedCell() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(GRID_HISTORY, AblationGridWorkflowImpl.class);
    }

    @Test
    @EnabledIfSystemProperty(named = "imlab.recordHistories", matches = "true")
    void recordHistories() throws IOException {
        Path folder = Path.of(System.getProperty("imlab.repo.root"), "workflows/src/test/resources/histories");
        Files.createDirectories(folder);
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            Worker worker = env.newWorker("record");
            worker.registerWorkflowImplementationTypes(WorkflowTypes.implementations());
            FakeExperimentActivities activities = new FakeExperimentActivities();
            worker.registerActivitiesImplementations(activities);
        WorkflowTypes.orchestrationActivities().forEach(worker::registerActivitiesImplementations);
            env.start();
            WorkflowClient client = env.getWorkflowClient();

            client.newWorkflowStub(ExperimentWorkflow.class, options("recorded-experiment"))
                    .run(new ExperimentInput(ExperimentSpec.defaults("recorded"), "run-recorded", "imlab"));
            write(folder, EXPERIMENT_HISTORY, client, "recorded-experiment");

            activities.failStep(ExperimentStep.TRAIN, FailureTypes.CONFIGURATION_ERROR, name -> name.endsWith("cotShare=0.5"));
            try {
                client.newWorkflowStub(ExperimentWorkflow.class, options("recorded-failure"))
                        .run(new ExperimentInput(AblationGridWorkflowTest.cells(0.5).get(0).spec(), "run-failed", "imlab"));
            } catch (io.temporal.client.WorkflowFailedException expected) {
                // the recording is of exactly this failure
            }
            write(folder, FAILED_EXPERIMENT_HISTORY, client, "recorded-failure");

            client.newWorkflowStub(AblationGridWorkflow.class, options("recorded-grid"))
                    .run(new GridInput("recorded-grid", AblationGridWorkflowTest.cells(0.0, 0.5, 0.01), 2, "imlab"));
            write(folder, GRID_HISTORY, client, "recorded-grid");
        }
    }

    private static WorkflowOptions options(String workflowId) {
        return WorkflowOptions.newBuilder().setTaskQueue("record").setWorkflowId(workflowId).build();
    }

    private static void write(Path folder, String resource, WorkflowClient client, String workflowId) throws IOException {
        String json = client.fetchHistory(workflowId).toJson(true);
        Files.writeString(folder.resolve(resource.substring("histories/".length())), json, StandardCharsets.UTF_8);
    }
}
