package io.imlab.activities.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.imlab.activities.launch.ClusterJobShape;
import io.imlab.activities.launch.JobHandle;
import io.imlab.activities.launch.JobOutcome;
import io.imlab.activities.launch.JobStatus;
import io.imlab.activities.launch.PodPendingListener;
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
import io.imlab.activities.metrics.ImlabMetrics;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.training.TrainerEnvironment;
import io.imlab.workflows.metrics.MetricCatalogue;
import io.imlab.workflows.metrics.MetricDefinition;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
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
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RecordedWaits waits = new RecordedWaits(new ImlabMetrics(registry));

    private KubernetesLauncher start(boolean jobSetInstalled, MultiNodeMode mode) {
        cluster = new SimulatedCluster(jobSetInstalled);
        launcher = new KubernetesLauncher(cluster.client(), new KubernetesLauncherOptions(SimulatedCluster.NAMESPACE,
                mode, Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(5), Duration.ofSeconds(30), 10),
                waits);
        return launcher;
    }

    /** The pending-pod meters of the Kubernetes launcher, as a scrape would see them. */
    private Timer pendingTimer() {
        return registry.get(MetricCatalogue.POD_PENDING.name()).tag("launcher", KubernetesLauncher.PENDING_LAUNCHER)
                .timer();
    }

    private double gauge(MetricDefinition metric) {
        return registry.get(metric.name()).tag("launcher", KubernetesLauncher.PENDING_LAUNCHER).gauge().value();
    }

    /**
     * Hands every report on to {@link ImlabMetrics} and keeps each pod's wait, so a test can check the waits one by
     * one (the timer only keeps their count, sum and maximum) and that the launcher reports each pod once.
     */
    private static final class RecordedWaits implements PodPendingListener {
        private final PodPendingListener metrics;
        final Map<String, Instant> createdAt = new ConcurrentHashMap<>();
        final Map<String, Duration> waited = new ConcurrentHashMap<>();
        final List<String> reports = new CopyOnWriteArrayList<>();

        RecordedWaits(PodPendingListener metrics) {
            this.metrics = metrics;
        }

        @Override
        public void launcherReady(String launcher) {
            metrics.launcherReady(launcher);
        }

        @Override
        public void podPending(String launcher, String pod, Instant created) {
            reports.add("pending " + pod);
            createdAt.put(pod, created);
            metrics.podPending(launcher, pod, created);
        }

        @Override
        public void podPendingEnded(String launcher, String pod, Instant endedAt) {
            reports.add("ended " + pod);
            waited.put(pod, Duration.between(createdAt.get(pod), endedAt));
            metrics.podPendingEnded(launcher, pod, endedAt);
        }
    }

    /**
     * The launcher's requests over the whole class, as RBAC grants, are exactly {@link KubernetesPermissions#all()}:
     * nothing it used is missing from the list the chart's Role is checked against, and nothing listed went unused.
     */
    @AfterAll
    static void theLauncherUsedExactlyTheDeclaredPermissions() {
        Set<String> used = new TreeSet<>();
        for (String request : SimulatedCluster.LAUNCHER_REQUESTS) {
            grantOf(request).ifPresent(used::add);
        }
        Set<String> declared = new TreeSet<>();
        for (KubernetesPermissions.Permission p : KubernetesPermissions.all()) {
            p.verbs().forEach(verb -> declared.add(p.apiGroup() + "/" + p.resource() + ":" + verb));
        }
        System.out.println("KubernetesLauncherIT: the launcher used " + used);
        assertThat(declared).as("permissions the launcher used that KubernetesPermissions (and so the chart's Role)"
                + " lacks").containsAll(used);
        Set<String> unused = new TreeSet<>(declared);
        unused.removeAll(used);
        // A subset, not equality: whether a run reaches a watch depends on timing (a pod that is not ready yet
        // when the log follower starts makes Fabric8 wait for it with a pod watch), and a test must not flake on it.
        assertThat(unused).as("declared permissions these tests never saw used: each must be one the code needs"
                + " only where the mock may not get (see NOT_EXERCISED)").isSubsetOf(NOT_EXERCISED);
    }

    /**
     * Declared grants the mock API server may never see, with why the code still needs them: the mock deletes at once,
     * so {@code waitUntilCondition}/{@code informOnCondition} (list, then watch while objects linger) never gets to
     * its watch, nor to the Service's wait (only a relaunch of a finished multi-node job waits for its Service);
     * and the JobSet tests never cancel or relaunch a JobSet (delete, then wait by list and watch). The pod watch is
     * also used by Fabric8's {@code watchLog}, which waits for a pod that is not ready yet; the mock sees it only when
     * the follower starts before the simulated kubelet has moved the pod on.
     */
    private static final Set<String> NOT_EXERCISED = new TreeSet<>(List.of(
            "batch/jobs:watch", "/pods:watch", "/services:list", "/services:watch",
            "jobset.x-k8s.io/jobsets:delete", "jobset.x-k8s.io/jobsets:list", "jobset.x-k8s.io/jobsets:watch"));

    private static final Pattern RESOURCE_PATH = Pattern.compile(
            "^/(?:api/v1|apis/([^/]+)/[^/]+)/namespaces/[^/]+/([^/?]+)(?:/([^/?]+))?(?:/([^/?]+))?(?:\\?(.*))?$");

    /** {@code GET /api/v1/namespaces/ns/pods?labelSelector=…} → {@code /pods:list}; empty for non-resource URLs. */
    static Optional<String> grantOf(String request) {
        String method = request.substring(0, request.indexOf(' '));
        Matcher m = RESOURCE_PATH.matcher(request.substring(request.indexOf(' ') + 1));
        if (!m.matches()) {
            return Optional.empty();
        }
        String group = m.group(1) == null ? "" : m.group(1);
        String resource = m.group(2) + (m.group(4) == null ? "" : "/" + m.group(4));
        boolean named = m.group(3) != null;
        String query = m.group(5) == null ? "" : m.group(5);
        String verb = switch (method) {
            case "GET" -> query.contains("watch=true") ? "watch" : named ? "get" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return Optional.of(group + "/" + resource + ":" + verb);
    }

    @Test
    void requestsMapToRbacGrants() {
        assertThat(grantOf("GET /api/v1/namespaces/ns/pods?labelSelector=imlab.io%2Fjob%3Dx")).hasValue("/pods:list");
        assertThat(grantOf("GET /api/v1/namespaces/ns/pods/p-0/log?follow=true&container=trainer"))
                .hasValue("/pods/log:get");
        assertThat(grantOf("GET /apis/batch/v1/namespaces/ns/jobs?fieldSelector=x&watch=true")).hasValue("batch/jobs:watch");
        assertThat(grantOf("DELETE /apis/jobset.x-k8s.io/v1alpha2/namespaces/ns/jobsets/j"))
                .hasValue("jobset.x-k8s.io/jobsets:delete");
        assertThat(grantOf("GET /apis/jobset.x-k8s.io/v1alpha2")).isEmpty();
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
        // Pending for about 30 ms, maybe running before the first poll saw it: its wait counts either way.
        assertThat(pendingTimer().count()).isEqualTo(1);
        Job job = cluster.simulatorClient().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).withName("ok").get();
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
        var service = cluster.simulatorClient().services().inNamespace(SimulatedCluster.NAMESPACE).withName("multi").get();
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
        assertThat(cluster.simulatorClient().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).list().getItems())
                .isEmpty();
        assertThat(cluster.simulatorClient().genericKubernetesResources(TrainingJobManifests.JOBSET_API_VERSION,
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
            await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.simulatorClient().pods()
                    .inNamespace(SimulatedCluster.NAMESPACE).list().getItems()).isEmpty());
            assertThat(cluster.simulatorClient().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).withName(name)
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
        assertThat(cluster.simulatorClient().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).list().getItems())
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
        var client = cluster.simulatorClient();
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
        await().atMost(WAIT).untilAsserted(() -> assertThat(cluster.simulatorClient().batch().v1().jobs()
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
        String uid = cluster.simulatorClient().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).withName("twice")
                .get().getMetadata().getUid();

        JobHandle two = launcher.launch(spec("twice", 2), second::add);

        await().atMost(WAIT).until(() -> !second.isEmpty());
        assertThat(cluster.simulatorClient().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).list().getItems())
                .singleElement().satisfies(job -> assertThat(job.getMetadata().getUid()).isEqualTo(uid));
        assertThat(cluster.simulatorClient().services().inNamespace(SimulatedCluster.NAMESPACE).list().getItems()).hasSize(1);
        assertThat(cluster.podsCreated("twice")).isEqualTo(2);
        two.cancel();
        assertThat(one.waitFor(WAIT).orElseThrow().status()).isEqualTo(JobStatus.FAILED);
        // Two handles followed the same two pods: still one wait per pod.
        assertThat(pendingTimer().count()).isEqualTo(2);
    }

    @Test
    void eachPodsWaitIsMeasuredFromItsCreationUntilItsTrainerStarts() throws Exception {
        start(false, MultiNodeMode.INDEXED_JOB);
        cluster.script(index -> new PodScript(List.of("{\"step\":1,\"loss\":2.0}"), new Exit(0, "Completed")));
        cluster.holdPodsPending();
        Instant launched = Instant.now();
        JobHandle handle = launcher.launch(spec("queued", 2), event -> { });

        await().atMost(WAIT).untilAsserted(() -> assertThat(gauge(MetricCatalogue.PODS_PENDING)).isEqualTo(2));
        // Held for a measurable time: until each pod has existed for a second by its creationTimestamp.
        Instant lastCreated = cluster.simulatorClient().pods().inNamespace(SimulatedCluster.NAMESPACE).list().getItems()
                .stream().map(pod -> Instant.parse(pod.getMetadata().getCreationTimestamp())).max(Instant::compareTo)
                .orElseThrow();
        await().atMost(WAIT).until(() -> Instant.now().isAfter(lastCreated.plusSeconds(1)));
        assertThat(gauge(MetricCatalogue.POD_PENDING_OLDEST)).isGreaterThanOrEqualTo(1.0);
        assertThat(pendingTimer().count()).isZero();
        cluster.freeNodes();
        JobOutcome outcome = handle.waitFor(WAIT).orElseThrow();
        Duration upperBound = Duration.between(launched, Instant.now()).plusSeconds(1);

        assertThat(outcome.status()).isEqualTo(JobStatus.SUCCEEDED);
        System.out.println("KubernetesLauncherIT: pod waits " + waits.waited);
        assertThat(waits.waited).hasSize(2);
        // A creationTimestamp has whole seconds (truncated), so a wait reads up to 1 s long, never short.
        assertThat(waits.waited.values()).allSatisfy(wait -> assertThat(wait)
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThanOrEqualTo(upperBound));
        assertThat(waits.reports).hasSize(4).doesNotHaveDuplicates();
        Timer timer = pendingTimer();
        assertThat(timer.count()).isEqualTo(2);
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(
                waits.waited.values().stream().mapToLong(Duration::toMillis).sum());
        assertThat(gauge(MetricCatalogue.PODS_PENDING)).isZero();
        assertThat(gauge(MetricCatalogue.POD_PENDING_OLDEST)).isZero();
    }

    @Test
    void aPodDeletedWhilePendingEndsItsWaitAndLeavesNoGaugeBehind() throws Exception {
        start(false, MultiNodeMode.INDEXED_JOB);
        cluster.script(index -> new PodScript(List.of(), new RunsForever()));
        cluster.holdPodsPending();
        JobHandle handle = launcher.launch(spec("unschedulable", 2), event -> { });
        await().atMost(WAIT).untilAsserted(() -> assertThat(gauge(MetricCatalogue.PODS_PENDING)).isEqualTo(2));
        var pods = cluster.simulatorClient().pods().inNamespace(SimulatedCluster.NAMESPACE);
        String victim = pods.list().getItems().get(0).getMetadata().getName();

        pods.withName(victim).delete();

        JobOutcome outcome = handle.waitFor(WAIT).orElseThrow();
        assertThat(outcome.status()).isEqualTo(JobStatus.FAILED);
        assertThat(outcome.reason()).contains(victim, "vanished while pending");
        // The deleted pod and its sibling (whose job ended) waited without running: both waits count, once.
        assertThat(waits.waited).hasSize(2).containsKey(victim);
        assertThat(waits.reports).hasSize(4).doesNotHaveDuplicates();
        assertThat(pendingTimer().count()).isEqualTo(2);
        assertThat(gauge(MetricCatalogue.PODS_PENDING)).isZero();
        assertThat(gauge(MetricCatalogue.POD_PENDING_OLDEST)).isZero();
    }

    @Test
    void launchingAFinishedJobAgainReplacesIt() throws Exception {
        start(false, MultiNodeMode.AUTO);
        cluster.script(index -> new PodScript(List.of("oops"), new Exit(1, "Error")));
        assertThat(launcher.launch(spec("retry", 1), event -> { }).waitFor(WAIT).orElseThrow().status())
                .isEqualTo(JobStatus.FAILED);
        String failedUid = cluster.simulatorClient().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE)
                .withName("retry").get().getMetadata().getUid();

        cluster.script(index -> new PodScript(List.of("{\"step\":2}"), new Exit(0, "Completed")));
        JobOutcome second = launcher.launch(spec("retry", 1), event -> { }).waitFor(WAIT).orElseThrow();

        assertThat(second.status()).isEqualTo(JobStatus.SUCCEEDED);
        assertThat(cluster.simulatorClient().batch().v1().jobs().inNamespace(SimulatedCluster.NAMESPACE).withName("retry").get()
                .getMetadata().getUid()).isNotEqualTo(failedUid);
        assertThat(cluster.podsCreated("retry")).isEqualTo(2);
    }
}
