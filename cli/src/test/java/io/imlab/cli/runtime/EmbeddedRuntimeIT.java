package io.imlab.cli.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imlab.activities.store.ObjectStore;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.store.S3Uri;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded runtime end to end: a workflow whose activity writes through the embedded S3 server. */
class EmbeddedRuntimeIT {

    private static final String QUEUE = "embedded-it";

    @WorkflowInterface
    public interface GreetingWorkflow {
        @WorkflowMethod(name = "EmbeddedIT.Greeting")
        String greet(String name);
    }

    @ActivityInterface(namePrefix = "EmbeddedIT.")
    public interface GreetingActivities {
        @ActivityMethod
        String store(String name);
    }

    public static final class GreetingWorkflowImpl implements GreetingWorkflow {
        private final GreetingActivities activities = Workflow.newActivityStub(GreetingActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

        @Override
        public String greet(String name) {
            return activities.store(name);
        }
    }

    /** Writes a greeting object and returns its URI. */
    static final class GreetingActivitiesImpl implements GreetingActivities {
        private final ObjectStore store;
        private final S3Uri root;

        GreetingActivitiesImpl(ObjectStore store, S3Uri root) {
            this.store = store;
            this.root = root;
        }

        @Override
        public String store(String name) {
            S3Uri uri = root.resolve("greetings", S3Uri.sanitizeSegment(name) + ".txt");
            store.putBytes(("hello " + name).getBytes(StandardCharsets.UTF_8), uri);
            return uri.toString();
        }
    }

    @TempDir
    Path tmp;

    @Test
    void runsAWorkflowWhoseActivityRoundTripsAnObject() throws IOException {
        Path s3Root = tmp.resolve("s3");
        S3Config config;
        String temporalTarget;
        try (EmbeddedRuntime runtime = EmbeddedRuntime.start(new EmbeddedRuntimeOptions(s3Root, "imlab"))) {
            config = runtime.s3Config();
            temporalTarget = runtime.temporalTarget();
            assertThat(config.bucket()).isEqualTo("imlab");
            assertThat(config.toString()).doesNotContain(config.secretKey());

            var worker = runtime.newWorker(QUEUE);
            worker.registerWorkflowImplementationTypes(GreetingWorkflowImpl.class);
            worker.registerActivitiesImplementations(
                    new GreetingActivitiesImpl(runtime.objectStore(), config.bucketRoot()));
            runtime.startWorkers();

            GreetingWorkflow workflow = runtime.workflowClient().newWorkflowStub(GreetingWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId("greet-ada")
                            .setWorkflowExecutionTimeout(Duration.ofSeconds(60)).build());
            String uri = workflow.greet("Ada Lovelace");

            assertThat(uri).isEqualTo("s3://imlab/greetings/Ada-Lovelace.txt");
            byte[] stored = runtime.objectStore().getBytes(S3Uri.parse(uri));
            assertThat(new String(stored, StandardCharsets.UTF_8)).isEqualTo("hello Ada Lovelace");
        }

        // The bytes live in the configured folder and outlive the runtime.
        assertThat(Files.readString(s3Root.resolve("imlab/greetings/Ada-Lovelace.txt")))
                .isEqualTo("hello Ada Lovelace");
        // Both servers are gone once the runtime is closed.
        URI s3 = URI.create(config.endpoint());
        assertThatThrownBy(() -> new Socket(s3.getHost(), s3.getPort()).close()).isInstanceOf(ConnectException.class);
        String[] hostPort = temporalTarget.split(":");
        assertThatThrownBy(() -> new Socket(hostPort[0], Integer.parseInt(hostPort[1])).close())
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void optionsAreValidated() {
        assertThatThrownBy(() -> new EmbeddedRuntimeOptions(null, "Not_A_Bucket"))
                .hasMessageContaining("s3Root:")
                .hasMessageContaining("bucket:");
        assertThat(EmbeddedRuntimeOptions.defaults().s3Root()).isEqualTo(Path.of(".imlab/s3"));
    }
}
