package io.imlab.workflows;

import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.spec.GridExpander;
import io.imlab.cookbook.spec.GridSpec;
import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
import io.imlab.workflows.payload.ExperimentStep;
import io.imlab.workflows.payload.GridCellInput;
import io.imlab.workflows.payload.GridInput;
import io.imlab.workflows.payload.GridProgress;
import io.imlab.workflows.payload.GridResult;
import io.imlab.workflows.payload.RunStatus;
import io.imlab.workflows.payload.TrainInput;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.CanceledFailure;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * Single-flight artifact builds, GPU-budget admission, cancellation and grids of thousands of cells, on the
 * in-process test server with fast fake activities.
 */
// A stuck grid must fail the build, not hang it (a slot starvation once did exactly that).
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class GridScaleTest {
    private static final String QUEUE = "grid-scale-test";

    private FakeActivitiesWorker worker;
    private FakeExperimentActivities activities;
    private WorkflowClient client;

    @BeforeEach
    void startEnvironment() {
        worker = FakeActivitiesWorker.start(QUEUE);
        activities = worker.activities();
        client = worker.client();
    }

    @AfterEach
    void stopEnvironment() {
        worker.close();
    }

    @Test
    void twelveConcurrentCellsAttachToOneBenchBuildAndFourMixtureBuilds() {
        Semaphore bench = activities.holdBench();
        List<GridCellInput> cells = cells(Map.of(
                "recipe.cotShare", List.of(0.0, 0.01, 0.02, 0.04),
                "training.seed", List.of(1, 2, 3)), 12);
        assertThat(cells).hasSize(12);
        WorkflowClient.start(stub("sf")::run, new GridInput("sf", cells, 12, "imlab"));

        // All twelve cells wait on the same bench build in flight before it is let go.
        String benchFlight = "bench/" + ArtifactKeys.benchHash(cells.get(0).spec().bench(), cells.get(0).spec().splits());
        await("twelve cells waiting on " + benchFlight).atMost(Duration.ofSeconds(30)).until(() ->
                cells.stream().allMatch(c -> pendingActivityTypes("sf/" + c.name()).contains("Flight.AwaitBench")));
        assertThat(activities.attempts.get(ExperimentStep.BUILD_BENCH).get()).isEqualTo(1);
        bench.release(100);

        GridResult result = WorkflowStub.fromTyped(client.newWorkflowStub(AblationGridWorkflow.class, "sf"))
                .getResult(GridResult.class);
        assertThat(result.outcomes()).extracting(CellOutcome::status).containsOnly(CellStatus.COMPLETED);
        assertThat(activities.attempts.get(ExperimentStep.BUILD_BENCH).get()).isEqualTo(1);
        assertThat(activities.attempts.get(ExperimentStep.SAMPLE_MIXTURE).get()).isEqualTo(4);
        assertThat(activities.attempts.get(ExperimentStep.TRAIN).get()).isEqualTo(12);

        // A later grid over the same bench and mixtures reuses the completed builds: nothing is built again.
        stub("sf-again").run(new GridInput("sf-again", cells, 12, "imlab"));
        assertThat(activities.attempts.get(ExperimentStep.BUILD_BENCH).get()).isEqualTo(1);
        assertThat(activities.attempts.get(ExperimentStep.SAMPLE_MIXTURE).get()).isEqualTo(4);

        // --no-cache rebuilds each shared artifact once for the whole grid.
        stub("sf-nocache").run(new GridInput("sf-nocache", cells, 12, "imlab", 0, 0, true, null, null));
        assertThat(activities.attempts.get(ExperimentStep.BUILD_BENCH).get()).isEqualTo(2);
        assertThat(activities.attempts.get(ExperimentStep.SAMPLE_MIXTURE).get()).isEqualTo(8);
        assertThat(activities.inputsOf(io.imlab.workflows.payload.BuildBenchInput.class))
                .filteredOn(io.imlab.workflows.payload.BuildBenchInput::rebuild).hasSize(1);
    }

    @Test
    void aGpuBudgetAdmitsOnlyTheCellsItHolds() {
        Semaphore training = activities.holdTraining();
        List<GridCellInput> cells = cells(Map.of("training.seed", List.of(1, 2, 3, 4, 5)), 5);
        // 8 GPUs per cell, a budget of 20: two cells at once although maxParallel allows five.
        WorkflowClient.start(stub("gpu")::run, new GridInput("gpu", cells, 5, "imlab", 8, 20, false, null, null));
        for (int remaining = 5; remaining > 0; remaining--) {
            int expected = Math.min(2, remaining);
            await().atMost(Duration.ofSeconds(20)).until(() -> activities.trainingsInFlight.get() >= expected);
            await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> activities.trainingsInFlight.get() == expected);
            GridProgress progress = client.newWorkflowStub(AblationGridWorkflow.class, "gpu").progress();
            assertThat(progress.gpusInUse()).isEqualTo(expected * 8).isLessThanOrEqualTo(20);
            training.release();
            int done = 6 - remaining;
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    client.newWorkflowStub(AblationGridWorkflow.class, "gpu").progress().completed() >= done);
        }
        assertThat(WorkflowStub.fromTyped(client.newWorkflowStub(AblationGridWorkflow.class, "gpu"))
                .getResult(GridResult.class).outcomes()).extracting(CellOutcome::status).containsOnly(CellStatus.COMPLETED);
    }

    @Test
    void cancellingAGridStopsItsTrainingJobsAndMarksEveryUnfinishedCellCancelled() {
        Semaphore training = activities.holdTraining();
        List<GridCellInput> cells = cells(Map.of("training.seed", List.of(1, 2, 3, 4)), 4);
        AblationGridWorkflow grid = stub("cancel-me");
        WorkflowClient.start(grid::run, new GridInput("cancel-me", cells, 2, "imlab"));
        await().atMost(Duration.ofSeconds(20)).until(() -> activities.trainingsInFlight.get() == 2);

        WorkflowStub.fromTyped(grid).cancel();
        // Wait without getResult, which would unlock time skipping and jump to the held trainings' timeouts;
        // a running attempt learns of the cancellation at its next heartbeat sent (throttled, at most 12 s).
        await("grid closed").atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> describe("cancel-me").getWorkflowExecutionInfo().hasCloseTime());
        WorkflowFailedException e = catchThrowableOfType(WorkflowFailedException.class,
                () -> WorkflowStub.fromTyped(grid).getResult(GridResult.class));
        assertThat(e.getCause()).isInstanceOf(CanceledFailure.class);
        assertThat(activities.stoppedTrainings.get()).isEqualTo(2);
        training.release(10);

        GridProgress progress = client.newWorkflowStub(AblationGridWorkflow.class, "cancel-me").progress();
        assertThat(progress.status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(progress.cancelled()).isEqualTo(4);
        assertThat(activities.gridIndex.get("cancel-me").status()).isEqualTo(RunStatus.CANCELLED);
        assertThat(activities.gridIndex.get("cancel-me").cancelled()).isEqualTo(4);
        assertThat(activities.runIndex.values()).hasSize(2)
                .allSatisfy(r -> assertThat(r.status()).isEqualTo(RunStatus.CANCELLED));
        assertThat(activities.inputsOf(io.imlab.workflows.payload.GridReportInput.class).get(0).outcomes())
                .extracting(CellOutcome::status).containsOnly(CellStatus.CANCELLED);
    }

    @Test
    void aTwoThousandCellGridRunsAsSubGridsWithinTemporalLimits() {
        List<GridCellInput> cells = cells(Map.of(
                "training.seed", IntStream.rangeClosed(1, 200).boxed().map(i -> (Object) i).toList(),
                "recipe.cotShare", List.of(0.0, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09)), 2000);
        ExperimentSpec base = ExperimentSpec.defaults("big");
        List<GridCellInput> compact = cells.stream().map(GridCellInput::compact).toList();
        GridResult result = stub("big").run(new GridInput("big", compact, 400, "imlab", 0, 0, false, base, null));

        assertThat(result.outcomes()).hasSize(2000).extracting(CellOutcome::status).containsOnly(CellStatus.COMPLETED);
        Set<String> ids = new HashSet<>();
        result.outcomes().forEach(o -> ids.add(o.workflowId()));
        assertThat(ids).hasSize(2000).allMatch(id -> id.startsWith("big/"));
        // Every cell trained exactly once, on its own spec rebuilt from the base and its levels.
        List<TrainInput> trainings = activities.inputsOf(TrainInput.class);
        assertThat(trainings).hasSize(2000);
        assertThat(trainings.stream().map(TrainInput::runId).distinct().count()).isEqualTo(2000);
        assertThat(trainings).filteredOn(t -> t.runId().equals("big/cotShare=0.03,seed=17"))
                .singleElement().satisfies(t -> assertThat(t.training().seed()).isEqualTo(17L));

        long topEvents = historyLength("big");
        long partEvents = historyLength("big/part-0");
        assertThat(topEvents).isLessThan(200);
        assertThat(partEvents).isLessThan(10_000);
        assertThat(activities.attempts.get(ExperimentStep.BUILD_BENCH).get()).isEqualTo(1);
        assertThat(activities.attempts.get(ExperimentStep.SAMPLE_MIXTURE).get()).isEqualTo(10);
        System.out.printf("2000-cell grid: top-level history %d events, sub-grid history %d events%n", topEvents, partEvents);
    }

    private long historyLength(String workflowId) {
        return client.fetchHistory(workflowId).getHistory().getEventsCount();
    }

    private DescribeWorkflowExecutionResponse describe(String workflowId) {
        return client.getWorkflowServiceStubs().blockingStub()
                .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                        .setNamespace(client.getOptions().getNamespace())
                        .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build())
                        .build());
    }

    private List<String> pendingActivityTypes(String workflowId) {
        try {
            DescribeWorkflowExecutionResponse response = client.getWorkflowServiceStubs().blockingStub()
                    .describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                            .setNamespace(client.getOptions().getNamespace())
                            .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId).build())
                            .build());
            return response.getPendingActivitiesList().stream().map(a -> a.getActivityType().getName()).toList();
        } catch (RuntimeException notStartedYet) {
            return List.of();
        }
    }

    /** The cells of a full-factorial grid over {@code factors} (declaration order: insertion order of a sorted copy). */
    private static List<GridCellInput> cells(Map<String, List<?>> factors, int expected) {
        java.util.LinkedHashMap<String, List<Object>> ordered = new java.util.LinkedHashMap<>();
        new java.util.TreeMap<>(factors).forEach((path, levels) -> ordered.put(path, List.copyOf(levels)));
        List<GridCellInput> cells = GridExpander.expand(new GridSpec(ExperimentSpec.defaults("big"), ordered, 1))
                .stream().map(GridCellInput::of).toList();
        assertThat(cells).hasSize(expected);
        return cells;
    }

    private AblationGridWorkflow stub(String workflowId) {
        return client.newWorkflowStub(AblationGridWorkflow.class, WorkflowOptions.newBuilder()
                .setTaskQueue(QUEUE).setWorkflowId(workflowId).build());
    }
}
