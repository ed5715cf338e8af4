package io.imlab.activities.launch.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.imlab.activities.launch.JobHandle;
import io.imlab.activities.launch.JobOutcome;
import io.imlab.activities.launch.JobOutcomeFuture;
import io.imlab.activities.launch.JobStatus;
import io.imlab.activities.launch.ProgressEvent;
import io.imlab.activities.launch.ProgressListener;
import io.imlab.activities.launch.k8s.PodObservation.Phase;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link JobHandle} of a training job in a cluster: looks at the job's pods every poll interval, follows their
 * logs (JSON lines of node rank 0 become {@link ProgressEvent}s; other lines go to the log tail), and classifies
 * how the job ends with {@link PodFailureClassifier}.
 *
 * <p>Reports each pod's pending period to the launcher's {@link io.imlab.activities.launch.PodPendingListener}
 * (what counts is documented there): a pod seen waiting starts a wait at its {@code creationTimestamp}; it ends at
 * its trainer container's {@code startedAt}, or, when the pod ends without running, vanishes or the job ends,
 * when this handle sees it. A pod of a job this handle created that already runs when first seen (it started
 * between two polls) waited too; one of an adopted job that already runs was counted by whoever followed it then.
 */
final class KubernetesJobHandle implements JobHandle {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesJobHandle.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() { };

    private final KubernetesLauncher launcher;
    private final String jobName;
    private final int nodes;
    private final ProgressListener listener;
    private final KubernetesLauncherOptions options;
    private final CompletableFuture<JobOutcome> outcome = new CompletableFuture<>();
    private final AtomicBoolean finishing = new AtomicBoolean();
    private final AtomicBoolean cancelled = new AtomicBoolean();
    private final JobOutcomeFuture waiting;
    private final Map<String, PodLogFollower> followers = new ConcurrentHashMap<>();
    private final Map<String, Instant> startFailingSince = new HashMap<>();
    private final Map<String, PodObservation> lastSeen = new HashMap<>();
    private final boolean createdHere;
    private final Set<String> podsSeen = new HashSet<>();
    /** Pods whose wait this handle reported and has not ended; guarded by itself. */
    private final Set<String> waitingPods = new HashSet<>();
    private final ArrayDeque<String> tail;
    private volatile ScheduledFuture<?> poll;
    private volatile Integer exitCode;
    private volatile String lastPending = "";

    private KubernetesJobHandle(KubernetesLauncher launcher, String jobName, int nodes, ProgressListener listener,
            KubernetesLauncherOptions options, boolean createdHere) {
        this.launcher = launcher;
        this.createdHere = createdHere;
        this.jobName = jobName;
        this.waiting = new JobOutcomeFuture(jobName, outcome);
        this.nodes = nodes;
        this.listener = listener;
        this.options = options;
        this.tail = new ArrayDeque<>(options.tailLines());
    }

    /**
     * Starts watching a created (or adopted) job.
     *
     * @param createdHere whether the launcher created the job just now (false: it adopted a running one)
     */
    static KubernetesJobHandle follow(KubernetesLauncher launcher, String jobName, int nodes, ProgressListener listener,
            KubernetesLauncherOptions options, boolean createdHere) {
        KubernetesJobHandle handle = new KubernetesJobHandle(launcher, jobName, nodes, listener, options, createdHere);
        long every = options.pollInterval().toMillis();
        handle.poll = launcher.scheduler().scheduleWithFixedDelay(handle::pollSafely, 0, every, TimeUnit.MILLISECONDS);
        return handle;
    }

    /** A handle of a job that ended before anything was created (e.g. the API rejected the spec). */
    static KubernetesJobHandle ended(KubernetesLauncher launcher, String jobName, JobStatus status, String reason,
            KubernetesLauncherOptions options) {
        KubernetesJobHandle handle = new KubernetesJobHandle(launcher, jobName, 0, ProgressListener.NONE, options,
                false);
        handle.finishing.set(true);
        handle.outcome.complete(new JobOutcome(jobName, status, JobOutcome.NO_EXIT_CODE, List.of(), null, reason));
        return handle;
    }

    @Override
    public String jobName() {
        return jobName;
    }

    @Override
    public Optional<JobOutcome> waitFor(Duration timeout) throws InterruptedException {
        return waiting.waitFor(timeout);
    }

    @Override
    public JobOutcome await() throws InterruptedException {
        return waiting.await();
    }

    @Override
    public void cancel() {
        if (outcome.isDone() || !cancelled.compareAndSet(false, true)) {
            return;
        }
        stopPolling();
        LOG.info("cancelling job {}: deleting its objects (foreground, so its pods go first)", jobName);
        launcher.deleteObjects(jobName);
        finish(JobStatus.CANCELLED, JobOutcome.NO_EXIT_CODE, "cancelled", false);
    }

    @Override
    public OptionalInt exitCode() {
        Integer code = exitCode;
        return outcome.isDone() && code != null && code != JobOutcome.NO_EXIT_CODE ? OptionalInt.of(code)
                : OptionalInt.empty();
    }

    private void pollSafely() {
        if (finishing.get() || cancelled.get()) {
            return;
        }
        try {
            poll();
        } catch (KubernetesClientException e) {
            // An API blip must not end the job: the next poll tries again, and the activity's heartbeat timeout
            // covers a worker that lost the API for good.
            LOG.warn("job {}: cannot read its state ({}), trying again", jobName, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("job {}: monitoring failed", jobName, e);
            endAllWaits(Instant.now());
            outcome.completeExceptionally(e);
            stopPolling();
        }
    }

    private void poll() {
        Optional<KubernetesLauncher.WorkloadState> workload = launcher.workloadState(jobName);
        if (workload.isEmpty()) {
            finish(JobStatus.FAILED, JobOutcome.NO_EXIT_CODE, "job " + jobName
                    + " was deleted outside imlab (node loss or manual deletion)", false);
            return;
        }
        List<Pod> pods = launcher.pods(jobName);
        PodObservation configurationError = null;
        PodObservation failure = null;
        int succeeded = 0;
        Instant now = Instant.now();
        for (Pod pod : pods.stream().sorted(Comparator.comparing(p -> p.getMetadata().getName())).toList()) {
            String name = pod.getMetadata().getName();
            if (PodFailureClassifier.containerStarted(pod, TrainingJobManifests.CONTAINER)) {
                PodLogFollower follower = followers.computeIfAbsent(name, n -> startFollower(n, rank(pod)));
                if (PodFailureClassifier.containerTerminated(pod, TrainingJobManifests.CONTAINER)) {
                    follower.markTerminated();
                }
            }
            PodObservation seen = PodFailureClassifier.observe(pod, TrainingJobManifests.CONTAINER);
            if (seen.phase() == Phase.START_FAILING) {
                Instant since = startFailingSince.computeIfAbsent(name, n -> now);
                if (Duration.between(since, now).compareTo(options.startFailureGrace()) >= 0) {
                    seen = new PodObservation(name, Phase.ENDED, seen.status(), seen.exitCode(), seen.reason()
                            + " (for longer than " + options.startFailureGrace() + ")");
                }
            } else {
                startFailingSince.remove(name);
            }
            lastSeen.put(name, seen);
            trackWait(pod, seen, now);
            if (seen.succeeded()) {
                succeeded++;
            } else if (seen.failed() && seen.status() == JobStatus.CONFIGURATION_ERROR && configurationError == null) {
                configurationError = seen;
            } else if (seen.failed() && failure == null) {
                failure = seen;
            } else if (seen.phase() == Phase.PENDING && !seen.reason().equals(lastPending)) {
                lastPending = seen.reason();
                LOG.info("job {}: pod {} {}", jobName, name, seen.reason());
            }
        }
        // A pod deleted while it waited waits no more: it must not stay in the pending gauges.
        Set<String> present = pods.stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        List<String> gone;
        synchronized (waitingPods) {
            gone = waitingPods.stream().filter(pod -> !present.contains(pod)).toList();
        }
        gone.forEach(pod -> endWait(pod, now));
        // A pod that vanished before it ended was deleted under the job: its node is gone, or someone removed it.
        for (PodObservation before : lastSeen.values()) {
            if (before.phase() != Phase.ENDED && pods.stream().noneMatch(p -> p.getMetadata().getName()
                    .equals(before.podName())) && failure == null) {
                failure = new PodObservation(before.podName(), Phase.ENDED, JobStatus.FAILED, JobOutcome.NO_EXIT_CODE,
                        "pod " + before.podName() + " vanished while " + before.phase().name().toLowerCase(Locale.ROOT)
                                + " (node loss, preemption or deletion outside imlab)");
            }
        }
        // A configuration error wins: when one node exits 2 the others fail along, and retrying cannot help.
        PodObservation verdict = configurationError != null ? configurationError : failure;
        if (verdict != null) {
            // A pod that never started (image, Secret) lingers in back-off: delete the job. A pod that ran and
            // failed fails its Job by itself (backoffLimit 0), which stays for inspection until its TTL.
            boolean neverStarted = verdict.status() == JobStatus.CONFIGURATION_ERROR
                    && verdict.exitCode() == JobOutcome.NO_EXIT_CODE;
            finish(verdict.status(), verdict.exitCode(), verdict.reason(), neverStarted && !workload.get().finished());
        } else if (succeeded >= nodes || workload.get().succeeded()) {
            finish(JobStatus.SUCCEEDED, 0, "all " + nodes + " pod(s) succeeded", false);
        } else if (workload.get().failed()) {
            finish(JobStatus.FAILED, JobOutcome.NO_EXIT_CODE, "job " + jobName + " failed: "
                    + workload.get().reason(), false);
        }
    }

    /** Starts or ends the pod's wait after one look at it (poll thread). */
    private void trackWait(Pod pod, PodObservation seen, Instant now) {
        String name = pod.getMetadata().getName();
        boolean waits = seen.phase() == Phase.PENDING || seen.phase() == Phase.START_FAILING;
        if (podsSeen.add(name) && (waits || createdHere)) {
            startWait(name, instant(pod.getMetadata().getCreationTimestamp()).orElse(now));
        }
        if (!waits) {
            endWait(name, startedAt(pod).orElse(now));
        }
    }

    private void startWait(String pod, Instant createdAt) {
        synchronized (waitingPods) {
            // Once the job is finishing, its waits have been ended: a poll still in flight must not add one back.
            if (!finishing.get() && !launcher.waitEnded(pod) && waitingPods.add(pod)) {
                launcher.pending().podPending(KubernetesLauncher.PENDING_LAUNCHER, pod, createdAt);
            }
        }
    }

    private void endWait(String pod, Instant endedAt) {
        synchronized (waitingPods) {
            if (waitingPods.remove(pod)) {
                launcher.markWaitEnded(pod);
                launcher.pending().podPendingEnded(KubernetesLauncher.PENDING_LAUNCHER, pod, endedAt);
            }
        }
    }

    /** The job ended, or this handle stops following it: its pods that still wait will not run under it. */
    private void endAllWaits(Instant endedAt) {
        synchronized (waitingPods) {
            for (String pod : waitingPods) {
                launcher.markWaitEnded(pod);
                launcher.pending().podPendingEnded(KubernetesLauncher.PENDING_LAUNCHER, pod, endedAt);
            }
            waitingPods.clear();
        }
    }

    /** When the trainer container started (running, or already terminated), as the kubelet reports it. */
    private static Optional<Instant> startedAt(Pod pod) {
        return Optional.ofNullable(pod.getStatus()).map(PodStatus::getContainerStatuses).orElse(List.of()).stream()
                .filter(c -> TrainingJobManifests.CONTAINER.equals(c.getName())).findFirst()
                .map(ContainerStatus::getState)
                .flatMap(state -> state.getRunning() != null ? instant(state.getRunning().getStartedAt())
                        : state.getTerminated() != null ? instant(state.getTerminated().getStartedAt())
                        : Optional.empty());
    }

    /** An RFC 3339 timestamp of the API; empty when absent or unreadable. */
    private static Optional<Instant> instant(String timestamp) {
        if (timestamp == null || timestamp.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(timestamp).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private PodLogFollower startFollower(String pod, int rank) {
        PodLogFollower follower = new PodLogFollower(launcher.client(), options.namespace(), pod,
                TrainingJobManifests.CONTAINER, (name, line) -> onLine(rank, name, line), launcher.scheduler(),
                launcher.readers(), options.pollInterval());
        follower.start();
        return follower;
    }

    /** Node rank of a pod: its completion index (0 for a single-node job). */
    private static int rank(Pod pod) {
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        String index = annotations == null ? null : annotations.get(TrainingJobManifests.ANNOTATION_COMPLETION_INDEX);
        try {
            return index == null ? 0 : Integer.parseInt(index);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private void onLine(int rank, String pod, String line) {
        // Only node rank 0 reports progress (docs/trainer-contract.md); the other ranks' JSON lines are duplicates.
        if (rank == 0 && deliverProgress(line)) {
            return;
        }
        if (rank != 0 && isJsonObject(line)) {
            return;
        }
        String text = nodes > 1 ? "[node " + rank + "] " + line : line;
        synchronized (tail) {
            if (tail.size() == options.tailLines()) {
                tail.removeFirst();
            }
            tail.addLast(text);
        }
        LOG.debug("job {} pod {}: {}", jobName, pod, line);
    }

    private static boolean isJsonObject(String line) {
        String trimmed = line.strip();
        return trimmed.startsWith("{") && trimmed.endsWith("}");
    }

    private boolean deliverProgress(String line) {
        if (!isJsonObject(line)) {
            return false;
        }
        Map<String, Object> fields;
        try {
            fields = JSON.readValue(line.strip(), OBJECT);
        } catch (JsonProcessingException e) {
            return false;
        }
        if (waiting.listenerHasFailed()) {
            return true;
        }
        try {
            listener.onProgress(new ProgressEvent(line.strip(), fields));
        } catch (RuntimeException e) {
            // Whoever listens no longer wants the job (e.g. the activity was cancelled): stop it.
            if (waiting.listenerFailed(e)) {
                LOG.info("job {}: progress listener failed ({}), stopping the job", jobName, e.toString());
                launcher.scheduler().execute(this::cancel);
            }
        }
        return true;
    }

    /**
     * Ends the job: stops polling, lets the logs of terminated pods drain (bounded), stops the other followers,
     * and completes the outcome.
     *
     * @param deleteObjects whether the job's objects must go (its pods would otherwise linger, e.g. in image
     *                      pull back-off)
     */
    private void finish(JobStatus status, int code, String reason, boolean deleteObjects) {
        // Once cancelled, what a poll still in flight sees (the job vanishing) is the cancellation itself.
        if (cancelled.get() && status != JobStatus.CANCELLED || !finishing.compareAndSet(false, true)) {
            return;
        }
        stopPolling();
        endAllWaits(Instant.now());
        exitCode = code;
        if (deleteObjects) {
            LOG.info("job {}: {}; deleting its objects", jobName, reason);
            launcher.deleteObjects(jobName);
        }
        // Only a terminated container's log has an end; the others are cut off below.
        CompletableFuture<?>[] drains = followers.values().stream().filter(PodLogFollower::terminated)
                .map(PodLogFollower::done)
                .toArray(CompletableFuture[]::new);
        CompletableFuture<Void> drained = status == JobStatus.CANCELLED ? CompletableFuture.completedFuture(null)
                : CompletableFuture.allOf(drains);
        drained.completeOnTimeout(null, options.logDrainTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((ignored, error) -> {
                    followers.values().forEach(PodLogFollower::stop);
                    List<String> lines;
                    synchronized (tail) {
                        lines = List.copyOf(tail);
                    }
                    JobOutcome result = new JobOutcome(jobName, status, code, lines, null, reason);
                    LOG.info("job {} ended: {} ({})", jobName, status, reason);
                    outcome.complete(result);
                });
    }

    private void stopPolling() {
        ScheduledFuture<?> task = poll;
        if (task != null) {
            task.cancel(false);
        }
    }
}
