package io.imlab.workflows;

import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.spec.GridExpander;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
import io.imlab.workflows.payload.ExperimentStep;
import io.imlab.workflows.payload.GridCellInput;
import io.imlab.workflows.payload.GridInput;
import io.imlab.workflows.payload.GridProgress;
import io.imlab.workflows.payload.GridReportInput;
import io.imlab.workflows.payload.GridResult;
import io.imlab.workflows.payload.RunStatus;
import io.imlab.workflows.payload.TrainInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

class AblationGridWorkflowTest {
    private static final String QUEUE = "grid-test";

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
    void runsAtMostMaxParallelCellsAtOnceAndCompletesThemAll() {
        Semaphore training = activities.holdTraining();
        GridInput input = new GridInput("grid-a", cells(0.0, 0.01, 0.02, 0.04, 0.08), 2, "imlab");
        AblationGridWorkflow grid = stub("grid-a");
        WorkflowClient.start(grid::run, input);

        // Release one held training at a time; before each release exactly two cells must be running
        // (one at the end), and never a third, although three more are waiting.
        for (int remaining = 5; remaining > 0; remaining--) {
            int expected = Math.min(2, remaining);
            await("cells reaching training").atMost(Duration.ofSeconds(20))
                    .until(() -> activities.trainingsInFlight.get() >= expected);
            await("exactly " + expected + " cells running, no more").during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                    .until(() -> activities.trainingsInFlight.get() == expected && activities.activeExperiments.get() <= 2);
            GridProgress progress = client.newWorkflowStub(AblationGridWorkflow.class, "grid-a").progress();
            assertThat(progress.runningCells()).hasSize(expected);
            assertThat(progress.waiting()).isEqualTo(remaining - expected);
            training.release();
        }
        GridResult result = WorkflowStub.fromTyped(grid).getResult(GridResult.class);

        assertThat(activities.maxActiveExperiments).hasValue(2);
        assertThat(result.outcomes()).extracting(CellOutcome::status).containsOnly(CellStatus.COMPLETED).hasSize(5);
        assertThat(result.outcomes()).extracting(CellOutcome::cellName)
                .containsExactly("cotShare=0", "cotShare=0.01", "cotShare=0.02", "cotShare=0.04", "cotShare=0.08");
        assertThat(result.outcomes()).extracting(CellOutcome::workflowId)
                .containsExactly("grid-a/cotShare=0", "grid-a/cotShare=0.01", "grid-a/cotShare=0.02",
                        "grid-a/cotShare=0.04", "grid-a/cotShare=0.08");
        assertThat(result.reportRef().uri()).isEqualTo("s3://imlab/grids/grid-a/report/");
    }

    @Test
    void recordsAFailedCellAndCompletesTheOthers() {
        activities.failStep(ExperimentStep.TRAIN, FailureTypes.CONFIGURATION_ERROR, name -> name.endsWith("cotShare=0.5"));

        GridResult result = stub("grid-b").run(new GridInput("grid-b", cells(0.0, 0.5, 0.01), 3, "imlab"));

        assertThat(result.outcomes()).extracting(CellOutcome::cellName, CellOutcome::status).containsExactly(
                Tuple.tuple("cotShare=0", CellStatus.COMPLETED),
                Tuple.tuple("cotShare=0.5", CellStatus.FAILED),
                Tuple.tuple("cotShare=0.01", CellStatus.COMPLETED));
        CellOutcome failed = result.outcomes().get(1);
        assertThat(failed.failure())
                .isEqualTo("step train failed: train broke for grid-cotShare=0.5 (ConfigurationError)");
        assertThat(failed.result()).isNull();
        assertThat(failed.factors()).isEqualTo(Map.of("recipe.cotShare", "0.5"));
        CellOutcome completed = result.outcomes().get(2);
        assertThat(completed.failure()).isNull();
        assertThat(completed.result().runId()).isEqualTo("grid-b/cotShare=0.01");
        assertThat(completed.result().mixtureRef().realizedShares()).isEqualTo(Map.of("cot", 0.01));

        GridReportInput report = activities.inputsOf(GridReportInput.class).get(0);
        assertThat(report.gridId()).isEqualTo("grid-b");
        assertThat(report.outcomes()).isEqualTo(result.outcomes());
        assertThat(activities.inputsOf(TrainInput.class)).extracting(TrainInput::checkpointPrefixUri)
                .contains("s3://imlab/runs/grid-b/cotShare=0.01/checkpoints/");

        GridProgress progress = client.newWorkflowStub(AblationGridWorkflow.class, "grid-b").progress();
        assertThat(progress).isEqualTo(new GridProgress("grid-b", RunStatus.COMPLETED, 3, 0, List.of(), 2, 1));
    }

    @Test
    void rejectsAnInvalidGridInput() {
        List<GridCellInput> duplicated = new ArrayList<>(cells(0.0));
        duplicated.addAll(cells(0.0));

        WorkflowFailedException error = catchThrowableOfType(WorkflowFailedException.class,
                () -> stub("grid-c").run(new GridInput("grid-c", duplicated, 0, "imlab")));

        ApplicationFailure failure = (ApplicationFailure) error.getCause();
        assertThat(failure.getType()).isEqualTo(FailureTypes.CONFIGURATION_ERROR);
        assertThat(failure.getOriginalMessage())
                .isEqualTo("invalid grid input: maxParallel must be at least 1, got 0; cell cotShare=0 appears twice");
        assertThat(activities.calls).isEmpty();
    }

    private AblationGridWorkflow stub(String gridId) {
        return client.newWorkflowStub(AblationGridWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(gridId).build());
    }

    /** Cells of a CoT-share sweep, named as GridExpander names them. */
    static List<GridCellInput> cells(double... cotShares) {
        ExperimentSpec base = ExperimentSpec.defaults("grid");
        return IntStream.range(0, cotShares.length).mapToObj(i -> {
            String level = GridExpander.levelText(cotShares[i]);
            RecipeSpec r = base.recipe();
            ExperimentSpec spec = new ExperimentSpec("grid-cotShare=" + level, base.bench(), base.splits(),
                    new RecipeSpec(r.seed(), r.taskCap(), r.collectionShares(), cotShares[i], r.dialogueShare(),
                            r.plainTextShare(), r.sequenceLength(), r.sequences()),
                    base.model(), base.training(), base.evaluation());
            return new GridCellInput("cotShare=" + level, Map.of("recipe.cotShare", level), spec);
        }).toList();
    }
}
