package io.imlab.cli.cluster;

import io.imlab.activities.index.RunIndexActivitiesImpl;
import io.imlab.cli.run.WorkflowInputs;
import io.imlab.cli.runtime.EmbeddedRuntime;
import io.imlab.cli.runtime.EmbeddedRuntimeOptions;
import io.imlab.cli.runtime.TinySpecs;
import io.imlab.cookbook.spec.GridDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.workflows.AblationGridWorkflow;
import io.imlab.workflows.TaskQueues;
import io.imlab.workflows.WorkflowTypes;
import io.imlab.workflows.payload.CellOutcome;
import io.imlab.workflows.payload.CellStatus;
import io.imlab.workflows.payload.GridInput;
import io.imlab.workflows.payload.GridResult;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Load: a 200-cell grid with fast fake step activities on the embedded runtime (the real Temporal test server
 * over gRPC, real S3Proxy for the run index) completes with no cell lost or duplicated, and reports the
 * orchestration overhead per step: the time from one activity's completion to the next activity's start
 * within a cell (workflow task round trip, scheduling and dispatch), median and p95.
 *
 * <p>Run alone with {@code ./mvnw -o -B -pl cookbook,workflows,trainer,activities,cli -am test
 * -Dtest=GridLoadIT -Dsurefire.failIfNoSpecifiedTests=false}; the numbers are printed, never asserted.
 */
class GridLoadIT {
    @TempDir
    static Path state;

    private static EmbeddedRuntime runtime;
    private static final FastFakeActivities FAKES = new FastFakeActivities();

    @BeforeAll
    static void startRuntime() {
        runtime = EmbeddedRuntime.start(new EmbeddedRuntimeOptions(state.resolve("s3"), "imlab"));
        Worker worker = runtime.newWorker(TaskQueues.EXPERIMENTS);
        worker.registerWorkflowImplementationTypes(WorkflowTypes.implementations());
        WorkflowTypes.orchestrationActivities().forEach(worker::registerActivitiesImplementations);
        worker.registerActivitiesImplementations(FAKES, new RunIndexActivitiesImpl(runtime.objectStore()));
        runtime.startWorkers();
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    @Test
    void aTwoHundredCellGridLosesAndDuplicatesNoCell() {
        String seeds = IntStream.rangeClosed(1, 50).mapToObj(Integer::toString).reduce((a, b) -> a + ", " + b).orElseThrow();
        GridDocument document = (GridDocument) SpecLoader.parse(TinySpecs.experiment("load") + """
                grid:
                  maxParallel: 20
                  factors:
                    recipe.cotShare: [0.0, 0.01, 0.02, 0.04]
                    training.seed: [%s]
                """.formatted(seeds), "load.yaml");
        GridInput input = WorkflowInputs.gridInput(document, "imlab", false);
        assertThat(input.cells()).hasSize(200);

        long started = System.nanoTime();
        GridResult result = runtime.workflowClient().newWorkflowStub(AblationGridWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.EXPERIMENTS).setWorkflowId(input.gridId()).build())
                .run(input);
        double wallSeconds = (System.nanoTime() - started) / 1e9;

        assertThat(result.outcomes()).hasSize(200).extracting(CellOutcome::status).containsOnly(CellStatus.COMPLETED);
        assertThat(result.outcomes().stream().map(CellOutcome::workflowId).distinct().count()).isEqualTo(200);
        assertThat(FAKES.trainedRuns).hasSize(200).doesNotHaveDuplicates();
        assertThat(FAKES.reports).hasSize(200).allSatisfy((run, count) -> assertThat(count.get()).isEqualTo(1));
        assertThat(FAKES.benches.get()).isEqualTo(1);
        assertThat(FAKES.mixtures.get()).isEqualTo(4);

        List<Long> gapsMillis = new ArrayList<>();
        for (CellOutcome outcome : result.outcomes()) {
            gapsMillis.addAll(stepGaps(outcome.workflowId()));
        }
        gapsMillis.sort(null);
        long median = gapsMillis.get(gapsMillis.size() / 2);
        long p95 = gapsMillis.get((int) Math.ceil(gapsMillis.size() * 0.95) - 1);
        System.out.printf(Locale.ROOT, "GridLoadIT: 200 cells, maxParallel 20, %.1f s wall; orchestration overhead per"
                + " step over %d steps: median %d ms, p95 %d ms%n", wallSeconds, gapsMillis.size(), median, p95);
        assertThat(gapsMillis).allMatch(g -> g >= 0);
    }

    /** Milliseconds from each activity's completion to the next activity's start in one cell's history. */
    private static List<Long> stepGaps(String workflowId) {
        List<Long> gaps = new ArrayList<>();
        Long lastCompleted = null;
        for (HistoryEvent event : runtime.workflowClient().fetchHistory(workflowId).getHistory().getEventsList()) {
            long at = event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
            if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED && lastCompleted != null) {
                gaps.add(at - lastCompleted);
            } else if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED) {
                lastCompleted = at;
            }
        }
        return gaps;
    }
}
