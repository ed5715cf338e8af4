package io.imlab.cli.runtime;

import io.imlab.activities.ArtifactServices;
import io.imlab.activities.launch.ProgressEvent;
import io.imlab.activities.store.ObjectStore;
import io.imlab.activities.store.S3Uri;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.workflows.ArtifactLayout;
import io.imlab.workflows.ExperimentWorkflow;
import io.imlab.workflows.TaskQueues;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentResult;
import io.imlab.workflows.payload.LevelScore;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real activities (bench, mixture, training in a child JVM, DJL evaluation, report) run by the real
 * {@link ExperimentWorkflow} on the embedded Temporal server against S3Proxy.
 */
class EmbeddedPipelineIT {
    @TempDir
    static Path state;

    private static EmbeddedRuntime runtime;
    private static final List<ProgressEvent> EVENTS = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startRuntime() {
        runtime = EmbeddedRuntime.start(new EmbeddedRuntimeOptions(state.resolve("s3"), "imlab"));
        Worker worker = runtime.newWorker(TaskQueues.EXPERIMENTS);
        WorkerRegistration.register(worker, ArtifactServices.over(runtime.objectStore(), state), runtime.s3Config(),
                runtime.launcher(), state.resolve("jobs"), (runId, event) -> EVENTS.add(event));
        runtime.startWorkers();
    }

    @AfterAll
    static void stopRuntime() {
        runtime.close();
    }

    private static ExperimentResult run(ExperimentDocument doc, String runId) {
        ExperimentWorkflow workflow = runtime.workflowClient().newWorkflowStub(ExperimentWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.EXPERIMENTS).setWorkflowId(runId).build());
        return workflow.run(new ExperimentInput(doc.experiment(), runId, "imlab"));
    }

    @Test
    void experimentRunsEveryStepAndARerunReusesArtifactsAndCheckpoints() {
        ExperimentDocument doc = (ExperimentDocument) SpecLoader.parse(TinySpecs.experiment("pipeline"), "pipeline.yaml");
        String runId = "pipeline-it";

        ExperimentResult first = run(doc, runId);

        assertThat(first.benchRef().cached()).isFalse();
        assertThat(first.mixtureRef().cached()).isFalse();
        assertThat(first.mixtureRef().sequences()).isEqualTo(64);
        assertThat(first.trainResult().step()).isEqualTo(4);
        assertThat(first.trainResult().finalLoss()).isFinite().isPositive();
        List<LevelScore> scores = first.evalResult().scores();
        assertThat(scores).extracting(s -> s.level() + "/" + s.shots())
                .containsExactly("level1/0", "level1/1", "level2/0", "level2/1", "level3/0", "level3/1");
        assertThat(scores).allSatisfy(s -> {
            assertThat(s.score()).isBetween(0.0, 1.0);
            assertThat(s.chance()).isBetween(0.0, 1.0);
            assertThat(s.tasks()).isPositive();
        });

        ObjectStore store = runtime.objectStore();
        S3Uri checkpoints = S3Uri.parse(ArtifactLayout.checkpointPrefix("imlab", runId));
        assertThat(store.exists(checkpoints.resolve("step-2", "manifest.json"))).isTrue();
        assertThat(store.exists(checkpoints.resolve("step-4", "manifest.json"))).isTrue();
        assertThat(store.exists(S3Uri.parse(first.evalResult().uri()).resolve("scores.json"))).isTrue();
        assertThat(new String(store.getBytes(S3Uri.parse(first.reportRef().htmlUri()))))
                .contains("<svg").contains("L3 1-shot").contains("chance");
        assertThat(EVENTS).anySatisfy(e -> assertThat(e.text("event")).hasValue("checkpoint"));

        // Running the same run again: the bench and mixture come from the store, training resumes from the
        // final checkpoint instead of starting over, and the scores are those of the same model.
        EVENTS.clear();
        ExperimentResult second = run(doc, runId);
        assertThat(second.benchRef().cached()).isTrue();
        assertThat(second.mixtureRef().cached()).isTrue();
        assertThat(EVENTS).anySatisfy(e -> {
            assertThat(e.text("event")).hasValue("resumed");
            assertThat(e.longValue("step")).hasValue(4);
        });
        assertThat(second.trainResult().checkpointUri()).isEqualTo(first.trainResult().checkpointUri());
        assertThat(second.evalResult().scores()).isEqualTo(scores);
    }
}
