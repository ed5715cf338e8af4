package io.imlab.cli.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.imlab.activities.ArtifactServices;
import io.imlab.activities.launch.LocalProcessLauncher;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.embedded.EmbeddedS3Server;
import io.imlab.cli.run.WorkflowInputs;
import io.imlab.cli.runtime.EmbeddedRuntime;
import io.imlab.cli.runtime.EmbeddedTemporalServer;
import io.imlab.cli.runtime.TinySpecs;
import io.imlab.cli.runtime.WorkerRegistration;
import io.imlab.cookbook.spec.ExperimentDocument;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.workflows.ExperimentWorkflow;
import io.imlab.workflows.TaskQueues;
import io.imlab.workflows.payload.ExperimentResult;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real experiment (bench, mixture, training in a child JVM, evaluation, report) against an S3 server with known
 * credentials: afterwards neither the secret key nor the access key appears in anything the run wrote (every stored
 * object, the run index, manifests, reports, checkpoints, the training job's log, the worker's scratch files) nor
 * in what this JVM printed while it ran.
 */
class SecretsNotWrittenIT {

    private static final String ACCESS_KEY = "IMLABACCESS7QX2";
    private static final String SECRET_KEY = "imlab-secret-Zk93-never-print-me";

    @TempDir
    Path state;

    @Test
    void noArtifactLogOrConsoleLineContainsTheS3Credentials() throws Exception {
        Path s3Root = state.resolve("s3");
        Path jobs = state.resolve("jobs");
        Path work = state.resolve("work");
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        System.setOut(new PrintStream(new Tee(oldOut, console), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Tee(oldErr, console), true, StandardCharsets.UTF_8));
        try (EmbeddedTemporalServer temporal = EmbeddedTemporalServer.start();
             EmbeddedS3Server s3 = EmbeddedS3Server.start(s3Root, ACCESS_KEY, SECRET_KEY);
             S3ObjectStore store = new S3ObjectStore(s3.s3Config("imlab"))) {
            store.ensureBucket("imlab");
            S3Config config = store.config();
            assertThat(config.secretKey()).isEqualTo(SECRET_KEY);
            WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
            WorkerFactory factory = WorkerFactory.newInstance(WorkflowClient.newInstance(stubs));
            try {
                Worker worker = factory.newWorker(TaskQueues.EXPERIMENTS, EmbeddedRuntime.workerOptions());
                WorkerRegistration.register(worker, ArtifactServices.over(store, work), config,
                        new LocalProcessLauncher(List.of("-Dai.djl.offline=true")), jobs,
                        (runId, event) -> { });
                factory.start();
                ExperimentDocument doc = (ExperimentDocument) SpecLoader.parse(TinySpecs.experiment("secrets"),
                        "secrets.yaml");
                ExperimentWorkflow workflow = WorkflowClient.newInstance(stubs).newWorkflowStub(ExperimentWorkflow.class,
                        WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.EXPERIMENTS)
                                .setWorkflowId(WorkflowInputs.runId(doc)).build());
                ExperimentResult result = workflow.run(WorkflowInputs.experimentInput(doc, "imlab", false));
                assertThat(result.reportRef()).isNotNull();
            } finally {
                factory.shutdown();
                factory.awaitTermination(10, TimeUnit.SECONDS);
                stubs.shutdownNow();
            }
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }

        List<Path> written = new ArrayList<>();
        for (Path root : List.of(s3Root, jobs, work)) {
            if (Files.exists(root)) {
                try (Stream<Path> files = Files.walk(root)) {
                    files.filter(Files::isRegularFile).forEach(written::add);
                }
            }
        }
        // The run really wrote what we search: run index, manifests, checkpoints, report, the job's log.
        assertThat(written).extracting(Path::toString)
                .anyMatch(p -> p.endsWith("run.json")).anyMatch(p -> p.contains("manifest"))
                .anyMatch(p -> p.contains("checkpoints")).anyMatch(p -> p.endsWith(".html"))
                .anyMatch(p -> p.endsWith(".log"));
        List<String> leaks = new ArrayList<>();
        for (Path file : written) {
            String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            if (text.contains(SECRET_KEY) || text.contains(ACCESS_KEY)) {
                leaks.add(file.toString());
            }
        }
        assertThat(leaks).as("files holding the S3 credentials").isEmpty();
        String printed = console.toString(StandardCharsets.UTF_8);
        assertThat(printed).as("the run printed something (the check is not vacuous)").isNotBlank();
        assertThat(printed).doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY);
    }

    /** Writes to the real stream and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }
    }
}
