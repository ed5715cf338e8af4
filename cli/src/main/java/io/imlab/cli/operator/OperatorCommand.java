package io.imlab.cli.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.imlab.operators.ImlabOperator;
import io.imlab.operators.OperatorSettings;
import io.imlab.operators.TemporalWorkflowGateway;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.SimpleSslContextBuilder;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code imlab operator}: runs the Kubernetes operator for AblationGrid and Experiment resources in one namespace,
 * starting, following and cancelling their workflows on a Temporal cluster. Runs until the process is stopped.
 */
@Command(name = "operator", mixinStandardHelpOptions = true, description = "Run the Kubernetes operator for AblationGrid and Experiment resources.")
public final class OperatorCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorCommand.class);

    @Option(names = "--temporal-address", paramLabel = "HOST:PORT",
            defaultValue = "${env:IMLAB_TEMPORAL_ADDRESS:-127.0.0.1:7233}",
            description = "Temporal frontend (env IMLAB_TEMPORAL_ADDRESS; default: ${DEFAULT-VALUE}).")
    private String temporalAddress;

    @Option(names = "--temporal-namespace", paramLabel = "NAME",
            defaultValue = "${env:IMLAB_TEMPORAL_NAMESPACE:-default}",
            description = "Temporal namespace (env IMLAB_TEMPORAL_NAMESPACE; default: ${DEFAULT-VALUE}).")
    private String temporalNamespace;

    @Option(names = "--namespace", paramLabel = "NAME", defaultValue = "${env:IMLAB_K8S_NAMESPACE}",
            description = "Kubernetes namespace to watch (env IMLAB_K8S_NAMESPACE; default: the current namespace of"
                    + " the kubeconfig or the pod).")
    private String namespace;

    @Option(names = "--bucket", paramLabel = "BUCKET", defaultValue = "${env:IMLAB_S3_BUCKET:-imlab}",
            description = "Bucket the workflows write to (env IMLAB_S3_BUCKET; default: ${DEFAULT-VALUE}).")
    private String bucket;

    @Option(names = "--poll-seconds", paramLabel = "SECONDS", defaultValue = "15",
            description = "How often a running resource's status is refreshed (default: ${DEFAULT-VALUE}).")
    private long pollSeconds;

    @Override
    public Integer call() throws Exception {
        OperatorSettings settings = new OperatorSettings(bucket, Duration.ofSeconds(pollSeconds));
        WorkflowServiceStubs stubs = WorkflowServiceStubs.newServiceStubs(serviceStubsOptions());
        KubernetesClient kubernetes = new KubernetesClientBuilder().build();
        String watched = namespace != null && !namespace.isBlank() ? namespace
                : kubernetes.getNamespace() != null ? kubernetes.getNamespace() : "default";
        WorkflowClient client = WorkflowClient.newInstance(stubs,
                WorkflowClientOptions.newBuilder().setNamespace(temporalNamespace).build());
        ImlabOperator operator = ImlabOperator.start(kubernetes, new TemporalWorkflowGateway(client), settings,
                watched, Clock.systemUTC());
        LOG.info("imlab operator watching namespace {} (Temporal {} namespace {}, bucket {})", watched,
                temporalAddress, temporalNamespace, bucket);

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("imlab operator stopping");
            operator.close();
            kubernetes.close();
            stubs.shutdown();
            stopped.countDown();
        }, "imlab-operator-shutdown"));
        stopped.await();
        return 0;
    }

    /**
     * Plain gRPC unless the chart's TLS variables are set ({@code IMLAB_TEMPORAL_TLS_CERT}/{@code _KEY} for mTLS,
     * {@code _CA} to verify the server, {@code _SERVER_NAME} when it differs from the address's host).
     */
    private WorkflowServiceStubsOptions serviceStubsOptions() throws IOException, GeneralSecurityException {
        WorkflowServiceStubsOptions.Builder options = WorkflowServiceStubsOptions.newBuilder().setTarget(temporalAddress);
        String cert = System.getenv("IMLAB_TEMPORAL_TLS_CERT");
        String key = System.getenv("IMLAB_TEMPORAL_TLS_KEY");
        if (cert == null || key == null) {
            return options.build();
        }
        SimpleSslContextBuilder ssl;
        try (InputStream certIn = Files.newInputStream(Path.of(cert)); InputStream keyIn = Files.newInputStream(Path.of(key))) {
            ssl = SimpleSslContextBuilder.forPKCS8(certIn, keyIn);
        }
        String ca = System.getenv("IMLAB_TEMPORAL_TLS_CA");
        if (ca != null) {
            ssl.setTrustManager(trustManagers(Path.of(ca)).getTrustManagers()[0]);
        }
        options.setSslContext(ssl.build());
        String serverName = System.getenv("IMLAB_TEMPORAL_TLS_SERVER_NAME");
        if (serverName != null && !serverName.isBlank()) {
            options.setChannelInitializer(channel -> channel.overrideAuthority(serverName));
        }
        return options.build();
    }

    private static TrustManagerFactory trustManagers(Path caFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                store.setCertificateEntry("ca-" + i++, certificate);
            }
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }
}
