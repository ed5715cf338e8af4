package io.imlab.activities.launch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.imlab.activities.launch.k8s.MultiNodeMode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LauncherSettingsTest {

    @Test
    void localIsTheDefault() {
        assertThat(LauncherSettings.fromEnvironment(Map.of())).isEqualTo(LauncherSettings.LOCAL);
        assertThat(LauncherSettings.fromEnvironment(Map.of("IMLAB_LAUNCHER", "local")).kind())
                .isEqualTo(LauncherSettings.Kind.LOCAL);
    }

    @Test
    void kubernetesSettingsShapeThePods() {
        LauncherSettings settings = LauncherSettings.fromEnvironment(Map.ofEntries(
                Map.entry("IMLAB_LAUNCHER", "kubernetes"),
                Map.entry("IMLAB_K8S_NAMESPACE", "ml"),
                Map.entry("IMLAB_K8S_MULTI_NODE", "jobset"),
                Map.entry("IMLAB_K8S_OWNER", "apps/v1/Deployment/imlab-worker"),
                Map.entry("IMLAB_TRAINER_IMAGE", "registry.example/trainer:1"),
                Map.entry("IMLAB_TRAINER_COMMAND", "[\"torchrun\",\"--nproc-per-node=8\"]"),
                Map.entry("IMLAB_TRAINER_ARGS", "[\"/app/train.py\"]"),
                Map.entry("IMLAB_TRAINER_NODES", "4"),
                Map.entry("IMLAB_TRAINER_GPUS_PER_NODE", "8"),
                Map.entry("IMLAB_TRAINER_REQUESTS", "cpu=32, memory=256Gi"),
                Map.entry("IMLAB_TRAINER_LIMITS", "memory=300Gi"),
                Map.entry("IMLAB_TRAINER_NODE_SELECTOR", "nvidia.com/gpu.product=NVIDIA-H100-80GB-HBM3"),
                Map.entry("IMLAB_TRAINER_TOLERATIONS",
                        "[{\"key\":\"nvidia.com/gpu\",\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]"),
                Map.entry("IMLAB_TRAINER_PRIORITY_CLASS", "training"),
                Map.entry("IMLAB_KUEUE_QUEUE", "team-a"),
                Map.entry("IMLAB_S3_CREDENTIALS_SECRET", "imlab-s3"),
                Map.entry("IMLAB_TRAINER_TTL", "PT6H")));

        assertThat(settings.kind()).isEqualTo(LauncherSettings.Kind.KUBERNETES);
        assertThat(settings.namespace()).isEqualTo("ml");
        assertThat(settings.multiNodeMode()).isEqualTo(MultiNodeMode.JOB_SET);
        assertThat(settings.owner()).isEqualTo("apps/v1/Deployment/imlab-worker");
        ClusterJobShape shape = settings.shape();
        assertThat(shape.image()).isEqualTo("registry.example/trainer:1");
        assertThat(shape.nodes()).isEqualTo(4);
        assertThat(shape.gpusPerNode()).isEqualTo(8);
        assertThat(shape.requests()).containsEntry("cpu", "32").containsEntry("memory", "256Gi");
        PodOptions pod = shape.pod();
        assertThat(pod.command()).containsExactly("torchrun", "--nproc-per-node=8");
        assertThat(pod.args()).containsExactly("/app/train.py");
        assertThat(pod.limits()).containsEntry("memory", "300Gi");
        assertThat(pod.nodeSelector()).containsEntry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3");
        assertThat(pod.tolerations()).containsExactly(PodToleration.exists("nvidia.com/gpu", "NoSchedule"));
        assertThat(pod.priorityClassName()).isEqualTo("training");
        assertThat(pod.queueName()).isEqualTo("team-a");
        assertThat(pod.s3Credentials()).isEqualTo(S3CredentialsSecret.named("imlab-s3"));
        assertThat(pod.ttlAfterFinished()).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void everyBadVariableIsNamedAtOnce() {
        assertThatThrownBy(() -> LauncherSettings.fromEnvironment(Map.of(
                "IMLAB_LAUNCHER", "kubernetes",
                "IMLAB_TRAINER_NODES", "two",
                "IMLAB_TRAINER_COMMAND", "torchrun train.py",
                "IMLAB_K8S_MULTI_NODE", "mpi",
                "IMLAB_K8S_OWNER", "worker")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("IMLAB_TRAINER_IMAGE:")
                .hasMessageContaining("IMLAB_TRAINER_NODES:")
                .hasMessageContaining("IMLAB_TRAINER_COMMAND:")
                .hasMessageContaining("IMLAB_K8S_MULTI_NODE:")
                .hasMessageContaining("IMLAB_K8S_OWNER:");
    }

    @Test
    void aJobTakesOverTheClusterShape() {
        ClusterJobShape shape = new ClusterJobShape("img", 2, 1, Map.of("cpu", "2"), PodOptions.DEFAULTS);
        TrainingJobSpec spec = TrainingJobSpec.local("run-train", "a.Main", List.of("train"), Map.of("A", "1"),
                java.nio.file.Path.of("w")).onCluster(shape);
        assertThat(spec.image()).isEqualTo("img");
        assertThat(spec.nodes()).isEqualTo(2);
        assertThat(spec.gpusPerNode()).isEqualTo(1);
        assertThat(spec.resources()).containsEntry("cpu", "2");
        assertThat(spec.args()).containsExactly("train");
        assertThat(spec.env()).containsEntry("A", "1");
    }
}
