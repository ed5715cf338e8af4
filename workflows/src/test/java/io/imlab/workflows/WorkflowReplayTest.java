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
    /** Recorded after the "grids" change (version 1): single-flight builds, run index, cancellation. */
    private static final String EXPERIMENT_HISTORY_V1 = "histories/experiment-completed-v1.json";
    private static final String GRID_HISTORY_V1 = "histories/ablation-grid-one-cell-failed-v1.json";
    private static final String CANCELLED_GRID_HISTORY_V1 = "histories/ablation-grid-cancelled-v1.json";
    private static final String BENCH_BUILD_HISTORY_V1 = "histories/bench-build-v1.json";

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
    void replaysVersionOneHistories() throws Exception {
        WorkflowReplayer.replayWorkflowExecutionFromResource(EXPERIMENT_HISTORY_V1, ExperimentWorkflowImpl.class);
        WorkflowReplayer.replayWorkflowExecutionFromResource(GRID_HISTORY_V1, AblationGridWorkflowImpl.class);
        WorkflowReplayer.replayWorkflowExecutionFromResource(CANCELLED_GRID_HISTORY_V1, AblationGridWorkflowImpl.class);
        WorkflowReplayer.replayWorkflowExecutionFromResource(BENCH_BUILD_HISTORY_V1, ArtifactBuildWorkflowsImpl.Bench.class);
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

            // The histories before the "grids" change stay as they were recorded; these are the version-1 ones.
            client.newWorkflowStub(ExperimentWorkflow.class, options("recorded-experiment"))
                    .run(new ExperimentInput(ExperimentSpec.defaults("recorded"), "run-recorded", "imlab"));
            write(folder, EXPERIMENT_HISTORY_V1, client, "recorded-experiment");
            write(folder, BENCH_BUILD_HISTORY_V1, client, "bench/" + ArtifactKeys.benchHash(
                    ExperimentSpec.defaults("recorded").bench(), ExperimentSpec.defaults("recorded").splits()));

            activities.failStep(ExperimentStep.TRAIN, FailureTypes.CONFIGURATION_ERROR, name -> name.endsWith("cotShare=0.5"));
            client.newWorkflowStub(AblationGridWorkflow.class, options("recorded-grid"))
                    .run(new GridInput("recorded-grid", AblationGridWorkflowTest.cells(0.0, 0.5, 0.01), 2, "imlab"));
            write(folder, GRID_HISTORY_V1, client, "recorded-grid");

            java.util.concurrent.Semaphore training = activities.holdTraining();
            AblationGridWorkflow cancelled = client.newWorkflowStub(AblationGridWorkflow.class, options("recorded-cancel"));
            WorkflowClient.start(cancelled::run, new GridInput("recorded-cancel",
                    AblationGridWorkflowTest.cells(0.02, 0.03, 0.04), 1, "imlab"));
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20))
                    .until(() -> activities.trainingsInFlight.get() == 1);
            io.temporal.client.WorkflowStub.fromTyped(cancelled).cancel();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(40))
                    .until(() -> client.fetchHistory("recorded-cancel").getLastEvent().getEventType()
                            == io.temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED);
            training.release(10);
            write(folder, CANCELLED_GRID_HISTORY_V1, client, "recorded-cancel");
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
