package io.imlab.cli.runtime;

import io.imlab.activities.launch.LocalProcessLauncher;
import io.imlab.activities.launch.PodPendingListener;
import io.imlab.activities.store.ObjectStore;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.activities.store.embedded.EmbeddedS3Server;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything {@code imlab run} needs on one machine, in this JVM: a Temporal server, an S3 server over a
 * local folder with imlab's bucket, a workflow client, a worker factory and a local launcher. The same
 * workflow and activity code runs here as in a cluster; only this wiring differs.
 *
 * <p>Typical use:
 * <pre>{@code
 * try (EmbeddedRuntime runtime = EmbeddedRuntime.start(EmbeddedRuntimeOptions.defaults())) {
 *     Worker worker = runtime.newWorker("imlab");
 *     worker.registerWorkflowImplementationTypes(...);
 *     worker.registerActivitiesImplementations(...);
 *     runtime.startWorkers();
 *     runtime.workflowClient().newWorkflowStub(...)...
 * }
 * }</pre>
 */
public final class EmbeddedRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedRuntime.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final EmbeddedTemporalServer temporal;
    private final S3ObjectStore objectStore;
    private final WorkflowClient client;
    private final WorkerFactory workerFactory;
    private final Deque<AutoCloseable> closeOrder;

    private EmbeddedRuntime(EmbeddedTemporalServer temporal, S3ObjectStore objectStore, WorkflowClient client,
            WorkerFactory workerFactory, Deque<AutoCloseable> closeOrder) {
        this.temporal = temporal;
        this.objectStore = objectStore;
        this.client = client;
        this.workerFactory = workerFactory;
        this.closeOrder = closeOrder;
    }

    /**
     * Starts the servers and clients; on failure, whatever already started is closed again.
     *
     * @throws IllegalStateException (or an unchecked I/O error) when a part cannot start
     */
    public static EmbeddedRuntime start(EmbeddedRuntimeOptions options) {
        Deque<AutoCloseable> started = new ArrayDeque<>();
        try {
            EmbeddedTemporalServer temporal = EmbeddedTemporalServer.start();
            started.push(temporal);
            EmbeddedS3Server s3Server = EmbeddedS3Server.start(options.s3Root());
            started.push(s3Server);
            S3ObjectStore objectStore = new S3ObjectStore(s3Server.s3Config(options.bucket()));
            started.push(objectStore);
            objectStore.ensureBucket(options.bucket());
            WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
            started.push(() -> {
                stubs.shutdownNow();
                stubs.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            });
            WorkflowClient client = WorkflowClient.newInstance(stubs);
            WorkerFactory workerFactory = WorkerFactory.newInstance(client);
            started.push(() -> {
                workerFactory.shutdown();
                workerFactory.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            });
            LOG.info("embedded runtime ready: Temporal {}, S3 {} bucket {}", temporal.target(), s3Server.endpoint(),
                    options.bucket());
            return new EmbeddedRuntime(temporal, objectStore, client, workerFactory, started);
        } catch (RuntimeException e) {
            RuntimeException failure = closeAll(started);
            if (failure != null) {
                e.addSuppressed(failure);
            }
            throw e;
        }
    }

    /**
     * Worker options for the embedded server: sticky task queues off. The test server has no sticky
     * schedule-to-start fallback, so after a worker dies its cached workflows would wait on the dead
     * worker's sticky queue forever (see known-working-stack, Temporal worker-crash durability).
     */
    public static WorkerOptions workerOptions() {
        return WorkerOptions.newBuilder().setStickyQueueScheduleToStartTimeout(Duration.ZERO).build();
    }

    /** Client for starting and querying workflows. */
    public WorkflowClient workflowClient() {
        return client;
    }

    /** The object store on the embedded S3 server, with the bucket created. */
    public ObjectStore objectStore() {
        return objectStore;
    }

    /** How to reach the embedded S3 server, e.g. to pass {@link S3Config#toEnvironment()} to a child job. */
    public S3Config s3Config() {
        return objectStore.config();
    }

    /** gRPC target of the embedded Temporal server. */
    public String temporalTarget() {
        return temporal.target();
    }

    /** A new worker on {@code taskQueue} with {@link #workerOptions()}; register types, then {@link #startWorkers()}. */
    public Worker newWorker(String taskQueue) {
        return workerFactory.newWorker(taskQueue, workerOptions());
    }

    /** Starts polling on every worker created so far. */
    public void startWorkers() {
        workerFactory.start();
    }

    /**
     * A launcher for training jobs as child JVMs with this JVM's classpath, passing on DJL's offline mode
     * when it is set here.
     */
    public LocalProcessLauncher launcher() {
        return launcher(PodPendingListener.NONE);
    }

    /** As {@link #launcher()}, reporting how long each job waits to start to {@code pending} (a worker's metrics). */
    public LocalProcessLauncher launcher(PodPendingListener pending) {
        List<String> jvmOptions = new ArrayList<>();
        String offline = System.getProperty("ai.djl.offline");
        if (offline != null) {
            jvmOptions.add("-Dai.djl.offline=" + offline);
        }
        return new LocalProcessLauncher(jvmOptions, pending);
    }

    /** Stops workers, clients and servers, in reverse order of start. */
    @Override
    public void close() {
        RuntimeException failure = closeAll(closeOrder);
        LOG.info("embedded runtime stopped");
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException closeAll(Deque<AutoCloseable> started) {
        RuntimeException failure = null;
        while (!started.isEmpty()) {
            try {
                started.pop().close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                if (failure == null) {
                    failure = new IllegalStateException("embedded runtime did not stop cleanly", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
    }
}
