package io.imlab.activities.launch.k8s;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fabric8's Kubernetes mock API server in CRUD mode, plus what the CRUD store lacks for the launcher's tests:
 *
 * <ul>
 *   <li>a <b>simulated kubelet and Job controller</b>: it watches Jobs (and JobSets), creates their pods (with the
 *       completion-index annotation and the template's labels), moves each pod through Pending → Running →
 *       Succeeded/Failed as its {@link PodScript} says, with the container states and reasons of each failure class,
 *       marks the Job Complete/Failed, and deletes the pods of a deleted Job (the garbage collector); on request
 *       the <b>scheduler</b> finds no node, so new pods stay Pending (Unschedulable) until the test releases them;</li>
 *   <li><b>pod logs</b>: the CRUD dispatcher answers {@code pods/<name>/log} with the pod itself, so a subclass serves
 *       the log the kubelet wrote so far (the whole text, then end of stream: the launcher reconnects until the
 *       container has terminated, as it must with a real API server whose follow streams break);</li>
 *   <li><b>API discovery</b> of {@code jobset.x-k8s.io/v1alpha2} when the test "installs" JobSet;</li>
 *   <li>an <b>admission rule</b> that rejects matching creations with HTTP 422, as API validation does;</li>
 *   <li><b>foreground deletion</b>: a Job or JobSet deleted with {@code propagationPolicy: Foreground} (as the
 *       launcher deletes) loses its pods before it is gone itself, as the API server's garbage collector does it, so
 *       a client that sees the Job gone finds no pods left.</li>
 * </ul>
 */
final class SimulatedCluster implements AutoCloseable {
    /** Header the launcher's client sends with every request. */
    static final String LAUNCHER_HEADER = "X-Imlab-Test-Client";
    /** Every request ({@code METHOD path}) the launcher's clients sent, over all simulated clusters of the JVM. */
    static final java.util.Set<String> LAUNCHER_REQUESTS = ConcurrentHashMap.newKeySet();

    static final String NAMESPACE = "ml";
    private static final KubernetesSerialization JSON = new KubernetesSerialization();
    private static final Pattern LOG_PATH = Pattern.compile("^/api/v1/namespaces/([^/]+)/pods/([^/?]+)/log");
    private static final Pattern WORKLOAD_PATH = Pattern.compile(
            "^/apis/(?:batch/v1|jobset\\.x-k8s\\.io/v1alpha2)/namespaces/([^/]+)/(?:jobs|jobsets)/([^/?]+)$");

    /** What a pod does once created. */
    sealed interface Ending {
    }

    /** The container exits with this code and termination reason (e.g. 137 OOMKilled). */
    record Exit(int code, String reason) implements Ending {
    }

    /** The kubelet evicts the pod (pod phase Failed, reason Evicted). */
    record Evicted(String message) implements Ending {
    }

    /** The scheduler preempts the pod: a DisruptionTarget condition, then phase Failed. */
    record Preempted() implements Ending {
    }

    /** The node controller reports the node lost (pod reason NodeLost). */
    record NodeLost() implements Ending {
    }

    /** The pod is deleted while it runs (its node vanished and the pod GC removed it). */
    record Vanishes() implements Ending {
    }

    /** The container never starts: it waits with this reason (e.g. ImagePullBackOff). */
    record NeverStarts(String reason) implements Ending {
    }

    /** The container runs until the pod is deleted. */
    record RunsForever() implements Ending {
    }

    /**
     * @param logLines lines the container prints (stdout and stderr, as the kubelet merges them)
     * @param ending   how the pod ends
     */
    record PodScript(List<String> logLines, Ending ending) {
    }

    private final KubernetesMockServer server;
    private final LoggingCrudDispatcher dispatcher;
    private final KubernetesClient client;
    private final KubernetesClient launcherClient;
    private final ScheduledExecutorService kubelet = Executors.newSingleThreadScheduledExecutor();
    private final List<Watch> watches = new ArrayList<>();
    private volatile IntFunction<PodScript> scripts = index -> new PodScript(List.of(), new Exit(0, "Completed"));
    private final Map<String, Integer> podsCreated = new ConcurrentHashMap<>();
    private volatile CompletableFuture<Void> nodesFree = CompletableFuture.completedFuture(null);

    SimulatedCluster(boolean jobSetInstalled) {
        dispatcher = new LoggingCrudDispatcher(jobSetInstalled);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), dispatcher, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        client = server.createClient();
        // The launcher's own client marks its requests, so the permissions it uses can be told from the simulator's.
        launcherClient = new io.fabric8.kubernetes.client.KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder(client.getConfiguration())
                        .withCustomHeaders(Map.of(LAUNCHER_HEADER, "true")).build()).build();
        watches.add(client.batch().v1().jobs().inNamespace(NAMESPACE).watch(new WorkloadWatcher<>()));
        if (jobSetInstalled) {
            dispatcher.expectCustomResource(new CustomResourceDefinitionContext.Builder()
                    .withGroup("jobset.x-k8s.io").withVersion("v1alpha2").withKind("JobSet").withPlural("jobsets")
                    .withScope("Namespaced").build());
            watches.add(client.genericKubernetesResources(TrainingJobManifests.JOBSET_API_VERSION,
                    TrainingJobManifests.JOBSET_KIND).inNamespace(NAMESPACE).watch(new WorkloadWatcher<>()));
        }
        // Like the real garbage collector, also sweep pods whose workload is gone: a watch event can arrive late
        // or be missed, and pods must not outlive their Job.
        kubelet.scheduleWithFixedDelay(() -> collectOrphanPods(jobSetInstalled), 200, 200, TimeUnit.MILLISECONDS);
    }

    private void collectOrphanPods(boolean jobSetInstalled) {
        try {
            for (Pod pod : client.pods().inNamespace(NAMESPACE).withLabel(TrainingJobManifests.LABEL_JOB).list().getItems()) {
                String workload = pod.getMetadata().getLabels().get(TrainingJobManifests.LABEL_JOB);
                boolean jobExists = client.batch().v1().jobs().inNamespace(NAMESPACE).withName(workload).get() != null;
                boolean jobSetExists = jobSetInstalled && client.genericKubernetesResources(
                        TrainingJobManifests.JOBSET_API_VERSION, TrainingJobManifests.JOBSET_KIND)
                        .inNamespace(NAMESPACE).withName(workload).get() != null;
                if (!jobExists && !jobSetExists) {
                    client.pods().inNamespace(NAMESPACE).resource(pod).delete();
                }
            }
        } catch (RuntimeException closing) {
            // The mock server is shutting down at the end of a test: nothing left to collect.
        }
    }

    /** The client to hand to the launcher under test: its requests are recorded in {@link #LAUNCHER_REQUESTS}. */
    KubernetesClient client() {
        return launcherClient;
    }

    /** The simulator's own client (the "kubelet" and test set-up), whose requests are not recorded. */
    KubernetesClient simulatorClient() {
        return client;
    }

    /** What each pod (by completion index) does from now on. */
    void script(IntFunction<PodScript> byIndex) {
        scripts = byIndex;
    }

    /** Pods created from now on find no node: they stay Pending (Unschedulable) until {@link #freeNodes()}. */
    void holdPodsPending() {
        nodesFree = new CompletableFuture<>();
    }

    /** A node fits the held pods: they start, each as its {@link PodScript} says. */
    void freeNodes() {
        nodesFree.complete(null);
    }

    /** Creations whose JSON body matches are rejected with 422, as API validation would. */
    void rejectCreations(Predicate<String> body) {
        dispatcher.reject = body;
    }

    /** How many pods the kubelet created for workloads of this name, over all incarnations. */
    int podsCreated(String workload) {
        return podsCreated.getOrDefault(workload, 0);
    }

    @Override
    public void close() {
        watches.forEach(Watch::close);
        kubelet.shutdownNow();
        launcherClient.close();
        client.close();
        server.destroy();
    }

    private final class WorkloadWatcher<T extends HasMetadata> implements Watcher<T> {
        @Override
        public void eventReceived(Action action, T workload) {
            switch (action) {
                case ADDED -> kubelet.execute(() -> startPods(workload));
                case DELETED -> kubelet.execute(() -> deletePods(workload.getMetadata().getName()));
                default -> {
                }
            }
        }

        @Override
        public void onClose(WatcherException cause) {
        }
    }

    private void startPods(HasMetadata workload) {
        String name = workload.getMetadata().getName();
        PodTemplateSpec template;
        int nodes;
        String hostPrefix;
        if (workload instanceof Job job) {
            if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
                return;
            }
            template = job.getSpec().getTemplate();
            nodes = job.getSpec().getCompletions();
            hostPrefix = name;
        } else {
            @SuppressWarnings("unchecked")
            Map<String, Object> spec = (Map<String, Object>) ((GenericKubernetesResource) workload)
                    .getAdditionalProperties().get("spec");
            @SuppressWarnings("unchecked")
            Map<String, Object> replicated = ((List<Map<String, Object>>) spec.get("replicatedJobs")).get(0);
            @SuppressWarnings("unchecked")
            Map<String, Object> jobSpec = (Map<String, Object>) ((Map<String, Object>) replicated.get("template"))
                    .get("spec");
            template = JSON.convertValue(jobSpec.get("template"), PodTemplateSpec.class);
            nodes = ((Number) jobSpec.get("completions")).intValue();
            hostPrefix = name + "-" + replicated.get("name") + "-0";
        }
        for (int index = 0; index < nodes; index++) {
            Pod pod = new PodBuilder()
                    .withNewMetadata()
                    .withName(hostPrefix + "-" + index + "-" + Long.toHexString(System.nanoTime() & 0xfffff))
                    .withNamespace(NAMESPACE)
                    .withLabels(template.getMetadata().getLabels())
                    .addToAnnotations(TrainingJobManifests.ANNOTATION_COMPLETION_INDEX, Integer.toString(index))
                    .addNewOwnerReference().withApiVersion(workload.getApiVersion()).withKind(workload.getKind())
                    .withName(name).withUid(workload.getMetadata().getUid()).withController(true).endOwnerReference()
                    .endMetadata()
                    .withSpec(template.getSpec())
                    .editSpec().withHostname(hostPrefix + "-" + index).endSpec()
                    .build();
            Pod created = client.pods().inNamespace(NAMESPACE).resource(pod).create();
            podsCreated.merge(name, 1, Integer::sum);
            dispatcher.logs.put(created.getMetadata().getName(), new StringBuffer());
            PodScript script = scripts.apply(index);
            CompletableFuture<Void> scheduled = nodesFree;
            if (!scheduled.isDone()) {
                setStatus(created, new PodStatusBuilder().withPhase("Pending").addToConditions(new PodConditionBuilder()
                        .withType("PodScheduled").withStatus("False").withReason("Unschedulable")
                        .withMessage("0/3 nodes are available: 3 Insufficient nvidia.com/gpu.").build()).build());
            }
            scheduled.thenRunAsync(() -> {
                setStatus(created, new PodStatusBuilder().withPhase("Pending").withContainerStatuses(waiting(
                        "ContainerCreating")).build());
                kubelet.schedule(() -> run(workload, created.getMetadata().getName(), script), 30,
                        TimeUnit.MILLISECONDS);
            }, kubelet);
        }
    }

    private void run(HasMetadata workload, String podName, PodScript script) {
        Pod pod = client.pods().inNamespace(NAMESPACE).withName(podName).get();
        if (pod == null) {
            return;
        }
        Ending ending = script.ending();
        if (ending instanceof NeverStarts never) {
            setStatus(pod, new PodStatusBuilder().withPhase("Pending").withContainerStatuses(waiting(never.reason()))
                    .build());
            return;
        }
        pod = setStatus(pod, new PodStatusBuilder().withPhase("Running")
                .addToConditions(new PodConditionBuilder().withType("Ready").withStatus("True").build())
                .withContainerStatuses(new ContainerStatusBuilder().withName(TrainingJobManifests.CONTAINER)
                        .withReady(true).withNewState().withNewRunning().withStartedAt(Instant.now().toString())
                        .endRunning().endState().build())
                .build());
        StringBuffer log = dispatcher.logs.get(podName);
        // Half the lines while running, the rest just before the end: the launcher must reconnect to see them.
        int half = script.logLines().size() / 2;
        script.logLines().subList(0, half).forEach(line -> log.append(line).append('\n'));
        Pod running = pod;
        kubelet.schedule(() -> {
            script.logLines().subList(half, script.logLines().size()).forEach(line -> log.append(line).append('\n'));
            end(workload, running, ending);
        }, 150, TimeUnit.MILLISECONDS);
    }

    private void end(HasMetadata workload, Pod pod, Ending ending) {
        PodStatus status;
        boolean failed = true;
        if (ending instanceof Exit exit) {
            failed = exit.code() != 0;
            status = new PodStatusBuilder().withPhase(failed ? "Failed" : "Succeeded")
                    .withContainerStatuses(terminated(exit.code(), exit.reason())).build();
        } else if (ending instanceof Evicted evicted) {
            status = new PodStatusBuilder().withPhase("Failed").withReason("Evicted").withMessage(evicted.message())
                    .withContainerStatuses(terminated(137, "Error")).build();
        } else if (ending instanceof Preempted) {
            status = new PodStatusBuilder().withPhase("Failed")
                    .addToConditions(new PodConditionBuilder().withType("DisruptionTarget").withStatus("True")
                            .withReason("PreemptionByScheduler")
                            .withMessage("training-high: preempting to accommodate a higher priority pod").build())
                    .withContainerStatuses(terminated(143, "Error")).build();
        } else if (ending instanceof NodeLost) {
            status = new PodStatusBuilder().withPhase("Failed").withReason("NodeLost")
                    .withMessage("Node gpu-node-7 which was running pod " + pod.getMetadata().getName()
                            + " is unresponsive").build();
        } else if (ending instanceof Vanishes) {
            client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).delete();
            return;
        } else {
            return;
        }
        setStatus(pod, status);
        if (failed || allSucceeded(workload.getMetadata().getName())) {
            markWorkload(workload, !failed);
        }
    }

    private boolean allSucceeded(String workload) {
        return client.pods().inNamespace(NAMESPACE).withLabel(TrainingJobManifests.LABEL_JOB, workload).list().getItems()
                .stream().allMatch(p -> "Succeeded".equals(p.getStatus().getPhase()));
    }

    private void markWorkload(HasMetadata workload, boolean complete) {
        String name = workload.getMetadata().getName();
        try {
            if (workload instanceof Job) {
                Job job = client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
                if (job == null) {
                    return;
                }
                job.setStatus(new JobStatusBuilder().addToConditions(new JobConditionBuilder()
                        .withType(complete ? "Complete" : "Failed").withStatus("True")
                        .withReason(complete ? null : "BackoffLimitExceeded")
                        .withMessage(complete ? null : "Job has reached the specified backoff limit").build()).build());
                client.batch().v1().jobs().inNamespace(NAMESPACE).resource(job).updateStatus();
            } else {
                var jobSets = client.genericKubernetesResources(TrainingJobManifests.JOBSET_API_VERSION,
                        TrainingJobManifests.JOBSET_KIND).inNamespace(NAMESPACE);
                GenericKubernetesResource jobSet = jobSets.withName(name).get();
                if (jobSet == null) {
                    return;
                }
                jobSet.getAdditionalProperties().put("status", Map.of("conditions", List.of(Map.of(
                        "type", complete ? "Completed" : "Failed", "status", "True",
                        "reason", complete ? "AllJobsCompleted" : "FailedJobs", "message", "simulated",
                        "lastTransitionTime", Instant.now().toString()))));
                jobSets.resource(jobSet).updateStatus();
            }
        } catch (KubernetesClientException e) {
            // The workload was deleted meanwhile (cancel): nothing to mark.
        }
    }

    private void deletePods(String workload) {
        client.pods().inNamespace(NAMESPACE).withLabel(TrainingJobManifests.LABEL_JOB, workload).delete();
    }

    private Pod setStatus(Pod pod, PodStatus status) {
        Pod current = client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).get();
        if (current == null) {
            return pod;
        }
        current.setStatus(status);
        return client.pods().inNamespace(NAMESPACE).resource(current).updateStatus();
    }

    private static ContainerStatus waiting(String reason) {
        return new ContainerStatusBuilder().withName(TrainingJobManifests.CONTAINER).withNewState().withNewWaiting()
                .withReason(reason).withMessage(reason.contains("Image")
                        ? "Back-off pulling image \"registry.example/imlab:missing\"" : null)
                .endWaiting().endState().build();
    }

    private static ContainerStatus terminated(int code, String reason) {
        return new ContainerStatusBuilder().withName(TrainingJobManifests.CONTAINER).withNewState().withNewTerminated()
                .withExitCode(code).withReason(reason).withFinishedAt(Instant.now().toString()).endTerminated()
                .endState().build();
    }

    /** The CRUD dispatcher with pod logs, JobSet discovery and an admission rule. */
    private static final class LoggingCrudDispatcher extends KubernetesCrudDispatcher {
        final Map<String, StringBuffer> logs = new ConcurrentHashMap<>();
        final boolean jobSetInstalled;
        volatile Predicate<String> reject = body -> false;

        LoggingCrudDispatcher(boolean jobSetInstalled) {
            this.jobSetInstalled = jobSetInstalled;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            if (request.getHeader(LAUNCHER_HEADER) != null) {
                LAUNCHER_REQUESTS.add(request.getMethod() + " " + path);
            }
            Matcher log = LOG_PATH.matcher(path);
            if ("GET".equals(request.getMethod()) && log.find()) {
                StringBuffer text = logs.get(log.group(2));
                return text == null ? status(404, "NotFound", "pods \"" + log.group(2) + "\" not found")
                        : new MockResponse().setResponseCode(200).setBody(text.toString());
            }
            if ("GET".equals(request.getMethod()) && path.matches("/apis/jobset\\.x-k8s\\.io(/v1alpha2)?/?(\\?.*)?")) {
                return jobSetInstalled
                        ? new MockResponse().setResponseCode(200).setBody("{\"kind\":\"APIResourceList\","
                                + "\"apiVersion\":\"v1\",\"groupVersion\":\"jobset.x-k8s.io/v1alpha2\",\"resources\":"
                                + "[{\"name\":\"jobsets\",\"singularName\":\"jobset\",\"namespaced\":true,"
                                + "\"kind\":\"JobSet\",\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"watch\"]}]}")
                        : status(404, "NotFound", "the server could not find the requested resource");
            }
            Matcher workload = WORKLOAD_PATH.matcher(path);
            if ("DELETE".equals(request.getMethod()) && workload.find() && new String(request.getBody().getBytes(),
                    java.nio.charset.StandardCharsets.UTF_8).contains("Foreground")) {
                // Dependents first: the watch-driven garbage collection below would race the client's next list.
                handleDelete("/api/v1/namespaces/" + workload.group(1) + "/pods?labelSelector="
                        + java.net.URLEncoder.encode(TrainingJobManifests.LABEL_JOB + "=" + workload.group(2),
                        java.nio.charset.StandardCharsets.UTF_8));
            }
            if ("POST".equals(request.getMethod()) && reject.test(new String(request.getBody().getBytes(), java.nio.charset.StandardCharsets.UTF_8))) {
                return status(422, "Invalid", "Job.batch \"rejected\" is invalid: spec.template.spec"
                        + ".priorityClassName: Invalid value: \"Invalid_Name\": a lowercase RFC 1123 subdomain");
            }
            return super.dispatch(request);
        }

        private static MockResponse status(int code, String reason, String message) {
            return new MockResponse().setResponseCode(code).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"Failure\",\"reason\":\"" + reason + "\",\"code\":" + code + ",\"message\":\""
                    + message.replace("\"", "\\\"") + "\"}");
        }
    }
}
