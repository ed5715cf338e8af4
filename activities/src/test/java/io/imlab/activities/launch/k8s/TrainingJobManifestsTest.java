package io.imlab.activities.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.imlab.activities.launch.ClusterJobShape;
import io.imlab.activities.launch.JobOwner;
import io.imlab.activities.launch.PodOptions;
import io.imlab.activities.launch.PodToleration;
import io.imlab.activities.launch.S3CredentialsSecret;
import io.imlab.activities.launch.TrainingJobSpec;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.training.TrainerEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class TrainingJobManifestsTest {

    private static final Map<String, String> ENV = Map.of(
            TrainerEnvironment.MIXTURE_URI, "s3://imlab/mixtures/abc/",
            TrainerEnvironment.CHECKPOINT_URI, "s3://imlab/runs/cot-4/checkpoints/",
            TrainerEnvironment.RUN_ID, "grid-1/CoT_4%",
            TrainerEnvironment.WORK_DIR, "/home/worker/jobs/cot-4/scratch",
            S3Config.ENV_ENDPOINT, "http://minio:9000",
            S3Config.ENV_ACCESS_KEY, "AKIA-not-for-pods",
            S3Config.ENV_SECRET_KEY, "secret-not-for-pods");

    private static TrainingJobSpec spec(int nodes, int gpus, PodOptions pod) {
        return TrainingJobSpec.local("cot-4-train", "io.imlab.cli.Main", List.of("train"), ENV, Path.of("w"))
                .onCluster(new ClusterJobShape("registry.example/imlab:0.1", nodes, gpus,
                        Map.of("cpu", "8", "memory", "32Gi"), pod));
    }

    private static PodOptions.Builder withSecret() {
        return PodOptions.builder().s3Credentials(S3CredentialsSecret.named("imlab-s3"));
    }

    private static Map<String, EnvVar> env(Container container) {
        return container.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, Function.identity()));
    }

    @Test
    void oneNodeIsAPlainJobThatKubernetesNeverRetries() {
        TrainingJobObjects objects = TrainingJobManifests.desired(spec(1, 0, withSecret().build()), "ml",
                MultiNodeMode.INDEXED_JOB);

        Job job = objects.job();
        assertThat(objects.service()).isNull();
        assertThat(objects.jobSet()).isNull();
        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        assertThat(job.getMetadata().getName()).isEqualTo("cot-4-train");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("ml");
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(job.getSpec().getCompletions()).isEqualTo(1);
        assertThat(job.getSpec().getCompletionMode()).isNull();
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(86400);
        assertThat(job.getSpec().getSuspend()).isNull();
        assertThat(job.getMetadata().getLabels())
                .containsEntry(TrainingJobManifests.LABEL_JOB, "cot-4-train")
                .containsKey(TrainingJobManifests.LABEL_RUN);
        assertThat(job.getMetadata().getLabels().get(TrainingJobManifests.LABEL_RUN)).matches("[a-z0-9-]{1,63}")
                .startsWith("grid-1-cot-4");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSubdomain()).isNull();
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Map<String, EnvVar> env = env(pod.getContainers().get(0));
        assertThat(env.get("PET_NNODES").getValue()).isEqualTo("1");
        assertThat(env.get("PET_NODE_RANK").getValue()).isEqualTo("0");
        assertThat(env.get("PET_NPROC_PER_NODE").getValue()).isEqualTo("1");
        assertThat(env.get("PET_MASTER_ADDR").getValue()).isEqualTo("127.0.0.1");
        assertThat(env.get("PET_MASTER_PORT").getValue()).isEqualTo("29500");
    }

    @Test
    void podsAreLockedDownWithWritableScratchOnly() {
        PodSpec pod = TrainingJobManifests.desired(spec(1, 0, withSecret().scratchSizeLimit("20Gi").build()), "ml",
                MultiNodeMode.INDEXED_JOB).job().getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);

        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(container.getSecurityContext().getPrivileged()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getVolumeMounts()).extracting(m -> m.getMountPath()).containsExactly("/scratch", "/tmp");
        assertThat(pod.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).isNotNull());
        assertThat(pod.getVolumes().get(0).getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("20Gi"));
        assertThat(env(container).get(TrainerEnvironment.WORK_DIR).getValue()).isEqualTo("/scratch");
    }

    @Test
    void credentialsComeFromTheSecretAndNeverAppearInTheJob() {
        Job job = TrainingJobManifests.desired(spec(1, 0, withSecret().build()), "ml", MultiNodeMode.INDEXED_JOB)
                .job();
        String yaml = new KubernetesSerialization().asYaml(job);

        assertThat(yaml).doesNotContain("AKIA-not-for-pods").doesNotContain("secret-not-for-pods");
        Map<String, EnvVar> env = env(job.getSpec().getTemplate().getSpec().getContainers().get(0));
        assertThat(env.get(S3Config.ENV_ACCESS_KEY).getValue()).isNull();
        assertThat(env.get(S3Config.ENV_ACCESS_KEY).getValueFrom().getSecretKeyRef().getName()).isEqualTo("imlab-s3");
        assertThat(env.get(S3Config.ENV_ACCESS_KEY).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("accessKey");
        assertThat(env.get(S3Config.ENV_SECRET_KEY).getValueFrom().getSecretKeyRef().getKey()).isEqualTo("secretKey");
        assertThat(env.get(S3Config.ENV_ENDPOINT).getValue()).isEqualTo("http://minio:9000");
        assertThat(env.get(TrainerEnvironment.MIXTURE_URI).getValue()).isEqualTo("s3://imlab/mixtures/abc/");
    }

    @Test
    void credentialsWithoutASecretAreRefused() {
        assertThatThrownBy(() -> TrainingJobManifests.desired(spec(1, 0, PodOptions.DEFAULTS), "ml",
                MultiNodeMode.INDEXED_JOB))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pod.s3Credentials");
    }

    @Test
    void commandAndArgumentsAreArgvArraysWithoutAShell() {
        PodOptions pod = withSecret().command(List.of("torchrun")).args(List.of("/app/train.py", "--name", "$(rm -rf /)"))
                .build();
        Container container = TrainingJobManifests.desired(spec(1, 0, pod), "ml", MultiNodeMode.INDEXED_JOB).job()
                .getSpec().getTemplate().getSpec().getContainers().get(0);

        assertThat(container.getCommand()).containsExactly("torchrun");
        assertThat(container.getArgs()).containsExactly("/app/train.py", "--name", "$(rm -rf /)");
        assertThat(container.getCommand()).noneMatch(part -> part.endsWith("sh"));

        Container entrypoint = TrainingJobManifests.desired(spec(1, 0, withSecret().build()), "ml",
                MultiNodeMode.INDEXED_JOB).job().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(entrypoint.getCommand()).isNullOrEmpty();
        assertThat(entrypoint.getArgs()).containsExactly("train");
    }

    @Test
    void gpusSchedulingAndQueueComeFromTheSpec() {
        PodOptions pod = withSecret()
                .limits(Map.of("memory", "64Gi"))
                .nodeSelector(Map.of("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3"))
                .tolerations(List.of(PodToleration.exists("nvidia.com/gpu", "NoSchedule")))
                .priorityClassName("training-low")
                .queueName("team-a")
                .serviceAccountName("trainer")
                .owner(new JobOwner("apps/v1", "Deployment", "imlab-worker", "uid-1"))
                .ttlAfterFinished(Duration.ofHours(2))
                .build();
        Job job = TrainingJobManifests.desired(spec(1, 8, pod), "ml", MultiNodeMode.INDEXED_JOB).job();
        PodSpec podSpec = job.getSpec().getTemplate().getSpec();
        Container container = podSpec.getContainers().get(0);

        assertThat(container.getResources().getRequests()).containsEntry("nvidia.com/gpu", new Quantity("8"))
                .containsEntry("cpu", new Quantity("8")).containsEntry("memory", new Quantity("32Gi"));
        assertThat(container.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("8"))
                .containsEntry("memory", new Quantity("64Gi"));
        assertThat(env(container).get("PET_NPROC_PER_NODE").getValue()).isEqualTo("8");
        assertThat(podSpec.getNodeSelector()).containsEntry("nvidia.com/gpu.product", "NVIDIA-H100-80GB-HBM3");
        assertThat(podSpec.getTolerations()).singleElement().satisfies(t -> {
            assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(t.getOperator()).isEqualTo("Exists");
            assertThat(t.getEffect()).isEqualTo("NoSchedule");
        });
        assertThat(podSpec.getPriorityClassName()).isEqualTo("training-low");
        assertThat(podSpec.getServiceAccountName()).isEqualTo("trainer");
        assertThat(podSpec.getVolumes()).extracting(v -> v.getName()).contains("dshm");
        assertThat(job.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "team-a");
        assertThat(job.getSpec().getSuspend()).isTrue();
        assertThat(job.getSpec().getTtlSecondsAfterFinished()).isEqualTo(7200);
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
            assertThat(owner.getKind()).isEqualTo("Deployment");
            assertThat(owner.getUid()).isEqualTo("uid-1");
            assertThat(owner.getBlockOwnerDeletion()).isNull();
        });
    }

    @Test
    void severalNodesAreAnIndexedJobWithAHeadlessService() {
        TrainingJobObjects objects = TrainingJobManifests.desired(spec(4, 8, withSecret().masterPort(29400).build()),
                "ml", MultiNodeMode.INDEXED_JOB);
        Job job = objects.job();

        assertThat(job.getSpec().getCompletionMode()).isEqualTo("Indexed");
        assertThat(job.getSpec().getCompletions()).isEqualTo(4);
        assertThat(job.getSpec().getParallelism()).isEqualTo(4);
        assertThat(job.getSpec().getBackoffLimit()).isZero();
        assertThat(objects.service().getSpec().getClusterIP()).isEqualTo("None");
        assertThat(objects.service().getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(objects.service().getSpec().getSelector())
                .containsExactly(Map.entry(TrainingJobManifests.LABEL_JOB, "cot-4-train"));
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels())
                .containsEntry(TrainingJobManifests.LABEL_JOB, "cot-4-train");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getSubdomain()).isEqualTo(objects.service().getMetadata().getName());
        Map<String, EnvVar> env = env(pod.getContainers().get(0));
        assertThat(env.get("PET_NNODES").getValue()).isEqualTo("4");
        assertThat(env.get("PET_NPROC_PER_NODE").getValue()).isEqualTo("8");
        assertThat(env.get("PET_NODE_RANK").getValueFrom().getFieldRef().getFieldPath())
                .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        assertThat(env.get("PET_MASTER_ADDR").getValue()).isEqualTo("cot-4-train-0.cot-4-train");
        assertThat(env.get("PET_MASTER_PORT").getValue()).isEqualTo("29400");
    }

    @Test
    void serviceNamesStartWithALetter() {
        TrainingJobSpec digits = TrainingJobSpec.local("42-train", "a.Main", List.of(), Map.of(), Path.of("w"))
                .onCluster(new ClusterJobShape("img", 2, 0, Map.of(), PodOptions.DEFAULTS));
        TrainingJobObjects objects = TrainingJobManifests.desired(digits, "ml", MultiNodeMode.INDEXED_JOB);

        String service = objects.service().getMetadata().getName();
        assertThat(service).matches("[a-z]([a-z0-9-]*[a-z0-9])?");
        assertThat(objects.job().getSpec().getTemplate().getSpec().getSubdomain()).isEqualTo(service);
        assertThat(TrainingJobManifests.masterAddress(digits, MultiNodeMode.INDEXED_JOB)).isEqualTo("42-train-0." + service);
    }

    @Test
    void aJobSetReplacesJobAndServiceWhereItsCrdIsInstalled() {
        TrainingJobObjects objects = TrainingJobManifests.desired(spec(2, 1, withSecret().queueName("q").build()), "ml",
                MultiNodeMode.JOB_SET);

        assertThat(objects.job()).isNull();
        assertThat(objects.service()).isNull();
        var jobSet = objects.jobSet();
        assertThat(jobSet.getApiVersion()).isEqualTo("jobset.x-k8s.io/v1alpha2");
        assertThat(jobSet.getKind()).isEqualTo("JobSet");
        assertThat(jobSet.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "q");
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) jobSet.getAdditionalProperties().get("spec");
        assertThat(spec).containsEntry("suspend", true).containsEntry("failurePolicy", Map.of("maxRestarts", 0));
        String json = new KubernetesSerialization().asJson(jobSet);
        assertThat(json).contains("\"completionMode\":\"Indexed\"", "\"completions\":2", "\"parallelism\":2",
                "\"backoffLimit\":0", "\"name\":\"node\"", "cot-4-train-node-0-0.cot-4-train",
                "batch.kubernetes.io/job-completion-index")
                .doesNotContain("secret-not-for-pods");
    }

    @Test
    void jobNamesTooLongForTheirPodHostNamesAreRefused() {
        String name = "a".repeat(62);
        TrainingJobSpec spec = TrainingJobSpec.local(name, "a.Main", List.of(), Map.of(), Path.of("w"))
                .onCluster(new ClusterJobShape("img", 16, 0, Map.of(), PodOptions.DEFAULTS));
        assertThatThrownBy(() -> TrainingJobManifests.desired(spec, "ml", MultiNodeMode.INDEXED_JOB))
                .hasMessageContaining("jobName:").hasMessageContaining("-15");
    }

    @Test
    void namesAreSanitizedToDns1123Labels() {
        assertThat(KubernetesNames.dns1123Label("cot-4-train", 63)).isEqualTo("cot-4-train");
        assertThat(KubernetesNames.dns1123Label("Grid_1/CoT 4%", 63)).matches("grid-1-cot-4-[0-9a-f]{8}");
        assertThat(KubernetesNames.dns1123Label("Grid_1/CoT 4%", 63))
                .isNotEqualTo(KubernetesNames.dns1123Label("grid-1-cot-4", 63));
        assertThat(KubernetesNames.dns1123Label("x".repeat(100), 63)).hasSize(63).matches("x+-[0-9a-f]{8}");
        assertThat(KubernetesNames.dns1123Label("///", 20)).matches("x-[0-9a-f]{8}");
        assertThat(KubernetesNames.dns1035Label("42-train", 63)).matches("[a-z][a-z0-9-]*");
    }
}
