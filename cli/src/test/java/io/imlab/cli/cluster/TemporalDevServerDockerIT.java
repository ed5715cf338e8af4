package io.imlab.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.imlab.activities.index.RunIndexActivitiesImpl;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.embedded.EmbeddedS3Server;
import io.imlab.cli.runtime.EmbeddedRuntime;
import io.imlab.cli.runtime.TinySpecs;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.workflows.ExperimentWorkflow;
import io.imlab.workflows.TaskQueues;
import io.imlab.workflows.WorkflowTypes;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The experiment workflow on a real Temporal server (the CLI's dev server: persistence, visibility, the real
 * matching service), not the in-JVM test server, with fast fake activities. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class TemporalDevServerDockerIT {
    @Container
    static final GenericContainer<?> TEMPORAL = new GenericContainer<>("temporalio/temporal:1.3.0")
            .withCommand("server", "start-dev", "--ip", "0.0.0.0", "--headless")
            .withExposedPorts(7233)
            .waitingFor(Wait.forListeningPort().withStartupTimeout(Duration.ofMinutes(1)));

    @TempDir
    Path state;

    @Test
    void anExperimentRunsToTheEndOnTheDevServer() {
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                .setTarget(TEMPORAL.getHost() + ":" + TEMPORAL.getMappedPort(7233)).build());
        FastFakeActivities fakes = new FastFakeActivities();
        try (EmbeddedS3Server s3 = EmbeddedS3Server.start(state.resolve("s3"));
             S3ObjectStore store = new S3ObjectStore(s3.s3Config("imlab"))) {
            store.ensureBucket("imlab");
            WorkflowClient client = WorkflowClient.newInstance(stubs);
            WorkerFactory factory = WorkerFactory.newInstance(client);
            Worker worker = factory.newWorker(TaskQueues.EXPERIMENTS, EmbeddedRuntime.workerOptions());
            worker.registerWorkflowImplementationTypes(WorkflowTypes.implementations());
            WorkflowTypes.orchestrationActivities().forEach(worker::registerActivitiesImplementations);
            worker.registerActivitiesImplementations(fakes, new RunIndexActivitiesImpl(store));
            factory.start();
            try {
                ExperimentDocument doc = (ExperimentDocument) SpecLoader.parse(TinySpecs.experiment("dev-server"),
                        "dev-server.yaml");
                ExperimentResult result = client.newWorkflowStub(ExperimentWorkflow.class, WorkflowOptions.newBuilder()
                                .setTaskQueue(TaskQueues.EXPERIMENTS).setWorkflowId("dev-server-run").build())
                        .run(new ExperimentInput(doc.experiment(), "dev-server-run", "imlab"));

                assertThat(result.trainResult().step()).isPositive();
                assertThat(result.evalResult().scores()).isNotEmpty();
                assertThat(fakes.trainedRuns).containsExactly("dev-server-run");
                // A real server has visibility: the run is listed by a query the embedded test server cannot answer.
                // (visibility is eventually consistent, hence the wait).
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                        assertThat(client.listExecutions("WorkflowId = 'dev-server-run'").count()).isEqualTo(1));
            } finally {
                factory.shutdown();
                factory.awaitTermination(10, TimeUnit.SECONDS);
            }
        } finally {
            stubs.shutdownNow();
        }
    }
}
