package io.imlab.cli.cluster;

import io.imlab.activities.ArtifactServices;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.imlab.activities.launch.ClusterJobShape;
import io.imlab.activities.launch.Launcher;
import io.imlab.activities.launch.LauncherSettings;
import io.imlab.activities.launch.LocalProcessLauncher;
import com.uber.m3.tally.Scope;
import io.imlab.activities.metrics.ActivityMetricsInterceptor;
import io.imlab.activities.metrics.ImlabMetrics;
import io.imlab.activities.metrics.TrainingProgressMetrics;
import io.imlab.activities.metrics.PrometheusEndpoint;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.store.S3ObjectStore;
import io.imlab.cli.runtime.EmbeddedRuntime;
import io.imlab.cli.runtime.WorkerRegistration;
import io.imlab.workflows.TaskQueues;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerFactoryOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code imlab worker}: a cluster worker. Connects to a remote Temporal, registers every imlab workflow and
 * activity on {@link TaskQueues#EXPERIMENTS} (sticky queues off, so a replacement worker picks up the
 * workflows of a dead one at once), serves Prometheus metrics and runs until stopped.
 *
 * <p>Training jobs run as child processes of this worker ({@code LocalProcessLauncher}), or as Kubernetes Jobs
 * when {@code IMLAB_LAUNCHER=kubernetes} ({@link LauncherSettings}, {@code io.imlab.activities.launch.k8s}); both
 * plug in through the same {@code Launcher} interface
 * once it lands, reading {@code IMLAB_K8S_NAMESPACE}.
 */
@Command(name = "worker", description = "Run a worker against a remote Temporal and S3 (cluster mode).")
public final class WorkerCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerCommand.class);

    @Mixin
    ClusterOptions cluster;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Prometheus /metrics port (env IMLAB_METRICS_PORT, default 9464; 0 picks a free port, -1 turns it off).")
    Integer metricsPort;

    @Option(names = "--k8s-namespace", paramLabel = "NS", description = "Namespace of training jobs (env IMLAB_K8S_NAMESPACE).")
    String k8sNamespace;

    @Option(names = "--work-dir", paramLabel = "DIR", defaultValue = "/tmp/imlab",
            description = "Local cache, scratch space and job folders (default: ${DEFAULT-VALUE}).")
    Path workDir;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        S3Config s3 = cluster.s3Config();
        int port = metricsPort != null ? metricsPort
                : Integer.parseInt(cluster.resolve(null, ClusterOptions.METRICS_PORT, "9464"));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Before any Temporal client exists, so the SDK's timers become histograms (platform health dashboard).
        Scope temporalScope = ImlabMetrics.temporalMetricsScope(registry);
        ImlabMetrics metrics = new ImlabMetrics(registry);
        PrometheusEndpoint endpoint = port >= 0 ? PrometheusEndpoint.start(registry, "0.0.0.0", port) : null;
        WorkflowServiceStubs stubs = cluster.connect(temporalScope);
        List<AutoCloseable> closeables = new ArrayList<>();
        try (S3ObjectStore store = new S3ObjectStore(s3)) {
            store.ensureBucket(s3.bucket());
            WorkflowClient client = cluster.client(stubs);
            WorkerFactory factory = WorkerFactory.newInstance(client, WorkerFactoryOptions.newBuilder()
                    .setWorkerInterceptors(new ActivityMetricsInterceptor(metrics)).build());
            Worker worker = factory.newWorker(TaskQueues.EXPERIMENTS, EmbeddedRuntime.workerOptions());
            ArtifactServices artifacts = ArtifactServices.over(store, workDir);
            // IMLAB_LAUNCHER=kubernetes trains in pods (the chart's worker); otherwise child processes of this worker.
            LauncherSettings launchSettings = LauncherSettings.fromEnvironment(System.getenv());
            Launcher launcher;
            ClusterJobShape shape = null;
            if (launchSettings.kind() == LauncherSettings.Kind.KUBERNETES) {
                KubernetesClient kubernetes = new KubernetesClientBuilder().build();
                closeables.add(kubernetes);
                LauncherSettings.KubernetesLaunch launch = launchSettings.openKubernetes(kubernetes, metrics);
                closeables.add(launch.launcher());
                launcher = launch.launcher();
                shape = launch.shape();
            } else {
                launcher = new LocalProcessLauncher(List.of(), metrics);
            }
            WorkerRegistration.register(worker, artifacts, s3, launcher, shape, workDir.resolve("jobs"),
                    new TrainingProgressMetrics(metrics), metrics);
            factory.start();
            String k8s = cluster.resolve(k8sNamespace, ClusterOptions.K8S_NAMESPACE, null);
            System.out.printf("imlab worker: Temporal %s namespace %s, queue %s; S3 %s bucket %s; metrics %s%s%n",
                    cluster.temporalAddress(), cluster.namespace(), TaskQueues.EXPERIMENTS, s3.endpoint(), s3.bucket(),
                    endpoint == null ? "off" : endpoint.metricsUri(), k8s == null ? "" : "; k8s namespace " + k8s);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "imlab-worker-stop"));
            stop.await();
            LOG.info("worker stopping");
            factory.shutdown();
            factory.awaitTermination(30, TimeUnit.SECONDS);
            return 0;
        } finally {
            for (int i = closeables.size() - 1; i >= 0; i--) {
                closeables.get(i).close();
            }
            stubs.shutdown();
            temporalScope.close();
            if (endpoint != null) {
                endpoint.close();
            }
        }
    }
}
