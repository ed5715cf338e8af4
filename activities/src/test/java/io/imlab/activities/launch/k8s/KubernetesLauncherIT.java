package io.imlab.activities.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.imlab.activities.launch.ClusterJobShape;
import io.imlab.activities.launch.JobHandle;
import io.imlab.activities.launch.JobOutcome;
import io.imlab.activities.launch.JobStatus;
import io.imlab.activities.launch.PodOptions;
import io.imlab.activities.launch.ProgressEvent;
import io.imlab.activities.launch.S3CredentialsSecret;
import io.imlab.activities.launch.TrainingJobSpec;
import io.imlab.activities.launch.k8s.SimulatedCluster.Evicted;
import io.imlab.activities.launch.k8s.SimulatedCluster.Exit;
import io.imlab.activities.launch.k8s.SimulatedCluster.NeverStarts;
import io.imlab.activities.launch.k8s.SimulatedCluster.NodeLost;
import io.imlab.activities.launch.k8s.SimulatedCluster.PodScript;
import io.imlab.activities.launch.k8s.SimulatedCluster.Preempted;
import io.imlab.activities.launch.k8s.SimulatedCluster.RunsForever;
import io.imlab.activities.launch.k8s.SimulatedCluster.Vanishes;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.training.TrainerEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link KubernetesLauncher} against Fabric8's CRUD mock API server and a simulated kubelet. */
class KubernetesLauncherIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final List<String> TRAINER_OUTPUT = List.of(
            "loading mixture s3://imlab/mixtures/abc/",
            "{\"event\":\"resumed\",\"step\":0,\"uri\":\"s3://imlab/runs/r/checkpoints/step-0/\"}",
            "{\"step\":5,\"loss\":4.1,\"lr\":0.0001,\"tokens\":2560,\"tokens_per_s\":1200.5}",
            "{\"step\":10,\"loss\":3.2,\"lr\":0.0002,\"tokens\":5120,\"tokens_per_s\":1250.0}",
            "{\"event\":\"checkpoint\",\"step\":10,\"uri\":\"s3://imlab/runs/r/checkpoints/step-10/\"}",
            "{\"event\":\"summary\",\"step\":10,\"final_loss\":3.2,\"tokens\":5120}",
            "done");

    private SimulatedCluster cluster;
    private KubernetesLauncher launcher;

    private KubernetesLauncher start(boolean jobSetInstalled, MultiNodeMode mode) {
        cluster = new SimulatedCluster(jobSetInstalled);
        launcher = new KubernetesLauncher(cluster.client(), new KubernetesLauncherOptions(SimulatedCluster.NAMESPACE,
                mode, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(30), 10));
        return launcher;
    }

    @AfterEach
    void stop() {
        if (launcher != null) {
            launcher.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static TrainingJobSpec spec(String name, int nodes, PodOptions.Builder pod) {
        Map<String, String> env = Map.of(TrainerEnvironment.RUN_ID, "r", TrainerEnvironment.MIXTURE_URI,
                "s3://imlab/mixtures/abc/", S3Config.ENV_ACCESS_KEY, "key", S3Config.ENV_SECRET_KEY, "secret");
        return TrainingJobSpec.local(name, "io.imlab.cli.Main", List.of("train"), env, Path.of("unused"))
                .onCluster(new ClusterJobShape("registry.example/imlab:0.1", nodes, 0, Map.of("cpu", "1"),
                        pod.s3Credentials(S3CredentialsSecret.named("imlab-s3")).build()));
    }

    private static TrainingJobSpec spec(String name, int nodes) {
        return spec(name, nodes, PodOptions.builder());
    }

    @Test
    void aSuccessfulJobReportsItsProgressAndEndsSucceeded() throws Exception {
        start(false, MultiNodeMode.AUTO);
        cluster.script(index -> new PodScript(TRAINER_OUTPUT, new Exit(0, "Completed")));
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();

        JobHandle handle = launcher.launch(spec("ok", 1), events::add);
        JobOutcome outcome = handle.waitFor(WAIT).orElseThrow();

        assertThat(outcome.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(outcome.exitCode()).isZero();
        assertThat(handle.exitCode()).hasValue(0);
        assertThat(events).extracting(ProgressEvent::line).containsExactlyElementsOf(TRAINER_OUTPUT.subList(1, 6));
        assertThat(events.get(1).longValue("step")).hasValue(5);
        assertThat(events.get(1).doubleValue("tokens_per_s")).hasValue(1200.5);
        assertThat(outcome.logTail()).containsExactly("loading mixture s3://imlab/mixtures/abc/", "done");
        Job job = cluster.client().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).withName("ok").get();
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .noneMatch(env -> "secret".equals(env.getValue()) || "key".equals(env.getValue()));
    }

    @Test
    void severalNodesRunAsAnIndexedJobWithAHeadlessServiceAndOnlyRankZeroReports() throws Exception {
        start(false, MultiNodeMode.AUTO);
        cluster.script(index -> new PodScript(List.of("rank " + index + " up",
                "{\"step\":1,\"loss\":2.0,\"rank\":" + index + "}"), new Exit(0, "Completed")));
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();

        JobOutcome outcome = launcher.launch(spec("multi", 3), events::add).waitFor(WAIT).orElseThrow();

        assertThat(outcome.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(launcher.multiNodeMode()).isEqualTo(MultiNodeMode.INDEXED_JOB);
        assertThat(events).singleElement().satisfies(e -> assertThat(e.longValue("rank")).hasValue(0));
        assertThat(outcome.logTail()).containsExactlyInAnyOrder("[node 0] rank 0 up", "[node 1] rank 1 up",
                "[node 2] rank 2 up");
        var service = cluster.client().services().inNamespace(SimulatedCluster.NAMESPACE).withName("multi").get();
        assertThat(service.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(service.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getKind()).isEqualTo("Job"));
        assertThat(cluster.podsCreated("multi")).isEqualTo(3);
    }

    @Test
    void aJobSetIsUsedWhereItsApiIsServed() throws Exception {
        start(true, MultiNodeMode.AUTO);
        cluster.script(index -> new PodScript(List.of("{\"step\":1,\"loss\":2.0}"), new Exit(0, "Completed")));
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();

        JobOutcome outcome = launcher.launch(spec("js", 2), events::add).waitFor(WAIT).orElseThrow();

        assertThat(outcome.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(launcher.multiNodeMode()).isEqualTo(MultiNodeMode.JOB_SET);
        assertThat(events).hasSize(1);
        assertThat(cluster.client().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).list().getItems())
                .isEmpty();
        assertThat(cluster.client().genericKubernetesResources(TrainingJobManifests.JOBSET_API_VERSION,
                TrainingJobManifests.JOBSET_KIND).inNamespace(SimulatedCluster.NAMESPACE).withName("js").get())
                .isNotNull();
    }

    static Stream<Arguments> failureClasses() {
        return Stream.of(
                Arguments.of("oom", new Exit(137, "OOMKilled"), JobStatus.FAILED, "OOMKilled"),
                Arguments.of("evicted", new Evicted("The node was low on resource: ephemeral-storage."),
                        JobStatus.FAILED, "evicted"),
                Arguments.of("preempted", new Preempted(), JobStatus.FAILED, "PreemptionByScheduler"),
                Arguments.of("node-lost", new NodeLost(), JobStatus.FAILED, "NodeLost"),
                Arguments.of("vanished", new Vanishes(), JobStatus.FAILED, "vanished"),
                Arguments.of("crash", new Exit(1, "Error"), JobStatus.FAILED, "exited 1"),
                Arguments.of("config", new Exit(2, "Error"), JobStatus.CONFIGURATION_ERROR, "exited 2"),
                Arguments.of("image-pull", new NeverStarts("ImagePullBackOff"), JobStatus.CONFIGURATION_ERROR,
                        "image pull failed"),
                Arguments.of("bad-image", new NeverStarts("InvalidImageName"), JobStatus.CONFIGURATION_ERROR,
                        "InvalidImageName"),
                Arguments.of("no-secret", new NeverStarts("CreateContainerConfigError"),
                        JobStatus.CONFIGURATION_ERROR, "CreateContainerConfigError"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failureClasses")
    void eachFailureClassIsClassified(String name, SimulatedCluster.Ending ending, JobStatus expected, String reason)
            throws Exception {
        start(false, MultiNodeMode.INDEXED_JOB);
        cluster.script(index -> new PodScript(List.of("step one", "{\"step\":1,\"loss\":2.0}"),
                index == 1 ? ending : new RunsForever()));

        JobOutcome outcome = launcher.launch(spec(name, 2), event -> { }).waitFor(WAIT).orElseThrow();

        assertThat(outcome.status()).isEqualTo(expected);
        assertThat(outcome.reason()).contains(reason);
        assertThat(outcome.retryable()).isEqualTo(expected == JobStatus.FAILED);
        assertThat(outcome.describe()).contains(reason);
        if (ending instanceof NeverStarts) {
            // Pods in back-off would linger for ever: the launcher deletes what it created.
            await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.client().pods()
                    .inNamespace(SimulatedCluster.NAMESPACE).list().getItems()).isEmpty());
            assertThat(cluster.client().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).withName(name)
                    .get()).isNull();
        }
    }

    @Test
    void anInvalidSpecRejectedByTheApiServerIsAConfigurationError() throws Exception {
        start(false, MultiNodeMode.AUTO);
        cluster.rejectCreations(body -> body.contains("Invalid_Name"));

        JobOutcome outcome = launcher.launch(spec("rejected", 1, PodOptions.builder().priorityClassName("Invalid_Name")),
                event -> { }).waitFor(WAIT).orElseThrow();

        assertThat(outcome.status()).isEqualTo(JobStatus.CONFIGURATION_ERROR);
        assertThat(outcome.reason()).contains("rejected", "priorityClassName");
    }

    @Test
    void aSpecThatCannotBecomePodsIsAConfigurationError() throws Exception {
        start(false, MultiNodeMode.AUTO);
        TrainingJobSpec noSecret = TrainingJobSpec.local("nosecret", "a.Main", List.of(),
                Map.of(S3Config.ENV_SECRET_KEY, "secret"), Path.of("w"))
                .onCluster(new ClusterJobShape("img", 1, 0, Map.of(), PodOptions.DEFAULTS));

        JobOutcome outcome = launcher.launch(noSecret, event -> { }).waitFor(WAIT).orElseThrow();

        assertThat(outcome.status()).isEqualTo(JobStatus.CONFIGURATION_ERROR);
        assertThat(outcome.reason()).contains("s3Credentials");
        assertThat(cluster.client().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).list().getItems())
                .isEmpty();
    }

    @Test
    void cancelDeletesTheJobItsServiceAndItsPods() throws Exception {
        start(false, MultiNodeMode.INDEXED_JOB);
        cluster.script(index -> new PodScript(List.of("{\"step\":1}"), new RunsForever()));
        List<ProgressEvent> events = new CopyOnWriteArrayList<>();
        JobHandle handle = launcher.launch(spec("cancel-me", 2), events::add);
        await().atMost(WAIT).until(() -> !events.isEmpty());

        handle.cancel();

        assertThat(handle.waitFor(WAIT).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
        var client = cluster.client();
        assertThat(client.batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).list().getItems()).isEmpty();
        assertThat(client.services().inNamespace(SimulatedCluster.NAMESPACE).list().getItems()).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.pods().inNamespace(SimulatedCluster.NAMESPACE)
                .list().getItems()).isEmpty());
    }

    @Test
    void aListenerThatFailsStopsTheJob() throws Exception {
        start(false, MultiNodeMode.AUTO);
        cluster.script(index -> new PodScript(List.of("{\"step\":1}"), new RunsForever()));
        JobHandle handle = launcher.launch(spec("listener", 1), event -> {
            throw new IllegalStateException("activity cancelled");
        });

        assertThatThrownBy(() -> handle.waitFor(WAIT)).hasMessage("activity cancelled");
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.client().batch().v1().jobs()
                .inNamespace(SimulatedCluster.NAMESPACE).withName("listener").get()).isNull());
    }

    @Test
    void launchingARunningJobAgainAdoptsItInsteadOfStartingASecondTrainer() throws Exception {
        start(false, MultiNodeMode.INDEXED_JOB);
        cluster.script(index -> new PodScript(List.of("{\"step\":1}"), new RunsForever()));
        List<ProgressEvent> first = new CopyOnWriteArrayList<>();
        List<ProgressEvent> second = new CopyOnWriteArrayList<>();
        JobHandle one = launcher.launch(spec("twice", 2), first::add);
        await().atMost(WAIT).until(() -> !first.isEmpty());
        String uid = cluster.client().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).withName("twice")
                .get().getMetadata().getUid();

        JobHandle two = launcher.launch(spec("twice", 2), second::add);

        await().atMost(WAIT).until(() -> !second.isEmpty());
        assertThat(cluster.client().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).list().getItems())
                .singleElement().satisfies(job -> assertThat(job.getMetadata().getUid()).isEqualTo(uid));
        assertThat(cluster.client().services().inNamespace(SimulatedCluster.NAMESPACE).list().getItems()).hasSize(1);
        assertThat(cluster.podsCreated("twice")).isEqualTo(2);
        two.cancel();
        assertThat(one.waitFor(WAIT).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
    }

    @Test
    void launchingAFinishedJobAgainReplacesIt() throws Exception {
        start(false, MultiNodeMode.AUTO);
        cluster.script(index -> new PodScript(List.of("oops"), new Exit(1, "Error")));
        assertThat(launcher.launch(spec("retry", 1), event -> { }).waitFor(WAIT).orElseThrow().status())
                .isEqualTo(JobStatus.FAILED);
        String failedUid = cluster.client().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE)
                .withName("retry").get().getMetadata().getUid();

        cluster.script(index -> new PodScript(List.of("{\"step\":2}"), new Exit(0, "Completed")));
        JobOutcome second = launcher.launch(spec("retry", 1), event -> { }).waitFor(WAIT).orElseThrow();

        assertThat(second.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(cluster.client().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).withName("retry").get()
                .getMetadata().getUid()).isNotEqualTo(failedUid);
        assertThat(cluster.podsCreated("retry")).isEqualTo(2);
    }
}
