package io.imlab.cli.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.imlab.activities.launch.ClusterJobShape;
import io.imlab.activities.launch.JobHandle;
import io.imlab.activities.launch.JobOutcome;
import io.imlab.activities.launch.JobStatus;
import io.imlab.activities.launch.PodOptions;
import io.imlab.activities.launch.ProgressEvent;
import io.imlab.activities.launch.S3CredentialsSecret;
import io.imlab.activities.launch.TrainingJobSpec;
import io.imlab.activities.launch.k8s.KubernetesLauncher;
import io.imlab.activities.launch.k8s.KubernetesLauncherOptions;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.training.TrainerEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * {@link KubernetesLauncher} creating a real Job in K3s: the pod keeps the trainer contract's output (a small
 * image prints progress lines in place of the trainer), the launcher follows its log and classifies its end.
 * Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class K3sDockerIT {
    private static final String NAMESPACE = "imlab-jobs";

    @Container
    static final K3sContainer K3S = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

    @Test
    void launchesATrainingJobFollowsItsProgressAndSeesItSucceed() throws InterruptedException {
        Config config = Config.fromKubeconfig(K3S.getKubeConfigYaml());
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata()
                    .build()).create();
            client.secrets().inNamespace(NAMESPACE).resource(new SecretBuilder().withNewMetadata().withName("imlab-s3")
                    .endMetadata().withStringData(Map.of(S3CredentialsSecret.DEFAULT_ACCESS_KEY_KEY, "key",
                            S3CredentialsSecret.DEFAULT_SECRET_KEY_KEY, "secret")).build()).create();
            KubernetesLauncherOptions defaults = KubernetesLauncherOptions.defaults(NAMESPACE);
            try (KubernetesLauncher launcher = new KubernetesLauncher(client, new KubernetesLauncherOptions(NAMESPACE,
                    defaults.multiNodeMode(), Duration.ofMillis(500), Duration.ofMinutes(3), Duration.ofSeconds(30),
                    Duration.ofMinutes(1), 40))) {
                String printer = "echo '{\"step\":1,\"loss\":2.5,\"tokens\":64}';"
                        + " echo '{\"event\":\"checkpoint\",\"step\":1,\"uri\":\"s3://imlab/runs/k3s/checkpoints/step-1/\"}';"
                        + " echo done";
                TrainingJobSpec spec = TrainingJobSpec.local("k3s-train", "io.imlab.cli.Main", List.of("train"),
                        Map.of(TrainerEnvironment.RUN_ID, "k3s", S3Config.ENV_ACCESS_KEY, "key",
                                S3Config.ENV_SECRET_KEY, "secret"), Path.of("unused"))
                        .onCluster(new ClusterJobShape("busybox:1.36", 1, 0, Map.of("cpu", "100m"), PodOptions.builder()
                                .command(List.of("sh", "-c", printer)).args(List.of())
                                .s3Credentials(S3CredentialsSecret.named("imlab-s3")).build()));
                List<ProgressEvent> events = new CopyOnWriteArrayList<>();

                JobHandle handle = launcher.launch(spec, events::add);
                JobOutcome outcome = handle.waitFor(Duration.ofMinutes(3)).orElseThrow();

                assertThat(outcome.status()).as(outcome.describe()).isEqualTo(JobStatus.SUCCEEDED);
                assertThat(events).extracting(e -> e.longValue("step").orElse(-1)).containsExactly(1L, 1L);
                assertThat(events.get(1).text("event")).hasValue("checkpoint");
                assertThat(client.batch().v1().jobs().inNamespace(NAMESPACE).withName(handle.jobName()).get())
                        .as("the Job exists in the cluster").isNotNull();
            }
        }
    }
}
