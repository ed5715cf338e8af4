package io.imlab.activities.launch.k8s;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.imlab.activities.launch.JobHandle;
import io.imlab.activities.launch.JobLaunchException;
import io.imlab.activities.launch.JobStatus;
import io.imlab.activities.launch.Launcher;
import io.imlab.activities.launch.PodPendingListener;
import io.imlab.activities.launch.ProgressListener;
import io.imlab.activities.launch.TrainingJobSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs training jobs as Kubernetes Jobs (or JobSets) with Fabric8, shaped by {@link TrainingJobManifests}.
 *
 * <p>Launching is idempotent by job name, so a retried activity never starts a second trainer: a job that is
 * still running is adopted and followed; a job of that name that has finished (a failed earlier attempt) is
 * deleted and created again, which resumes from the newest checkpoint. The API server's rejection of a spec (HTTP
 * 400/422) and a spec that cannot become pods end the job at once as {@link JobStatus#CONFIGURATION_ERROR}.
 *
 * <p>Reports each pod's pending period to a {@link PodPendingListener} (launcher {@value #PENDING_LAUNCHER}):
 * from the pod's {@code creationTimestamp} to its trainer container's {@code startedAt}, or, for a pod that never
 * runs, to when the launcher sees it end or vanish, or its job end. One wait per pod, reported once.
 *
 * <p>Needs, in its namespace: jobs create/get/list/watch/delete; pods get/list/watch; pods/log get; services
 * create/get/delete; with JobSets, jobsets.jobset.x-k8s.io create/get/list/watch/delete.
 */
public final class KubernetesLauncher implements Launcher, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesLauncher.class);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** The {@code launcher} tag of this launcher's pending-pod metrics. */
    public static final String PENDING_LAUNCHER = "kubernetes";
    /** Pods whose ended wait is remembered; far more than run at once on any cluster imlab trains on. */
    private static final int ENDED_WAITS_KEPT = 4096;

    private final KubernetesClient client;
    private final KubernetesLauncherOptions options;
    private final PodPendingListener pending;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService readers;
    private final Map<String, TrainingJobObjects> launched = new ConcurrentHashMap<>();
    /**
     * Pods whose wait has ended, oldest first: a pod never waits again once it ran, so a second handle of the same
     * job (an adopting retry) that looked at the pod just before it started must not start a second wait.
     */
    private final Set<String> endedWaits = Collections.synchronizedSet(Collections.newSetFromMap(
            new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > ENDED_WAITS_KEPT;
                }
            }));
    private volatile MultiNodeMode resolvedMode;

    /**
     * @param client  a client for the cluster (this launcher does not close it)
     * @param options namespace, multi-node mode, intervals
     */
    public KubernetesLauncher(KubernetesClient client, KubernetesLauncherOptions options) {
        this(client, options, PodPendingListener.NONE);
    }

    /**
     * @param client  a client for the cluster (this launcher does not close it)
     * @param options namespace, multi-node mode, intervals
     * @param pending hears how long each training pod waits to run (e.g. {@code ImlabMetrics})
     */
    public KubernetesLauncher(KubernetesClient client, KubernetesLauncherOptions options, PodPendingListener pending) {
        this.client = Objects.requireNonNull(client, "client");
        this.options = Objects.requireNonNull(options, "options");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.scheduler = Executors.newScheduledThreadPool(2, daemonThreads("k8s-launcher-poll"));
        this.readers = Executors.newCachedThreadPool(daemonThreads("k8s-launcher-log"));
        pending.launcherReady(PENDING_LAUNCHER);
    }

    @Override
    public JobHandle launch(TrainingJobSpec spec, ProgressListener listener) {
        Objects.requireNonNull(listener, "listener");
        String name = spec.jobName();
        TrainingJobObjects desired;
        try {
            desired = TrainingJobManifests.desired(spec, options.namespace(), spec.nodes() > 1 ? multiNodeMode()
                    : MultiNodeMode.INDEXED_JOB);
        } catch (IllegalArgumentException e) {
            return KubernetesJobHandle.ended(this, name, JobStatus.CONFIGURATION_ERROR, "invalid job: "
                    + e.getMessage(), options);
        }
        launched.put(name, desired);
        boolean created;
        try {
            Optional<WorkloadState> existing = workloadState(name);
            if (existing.isPresent() && existing.get().finished()) {
                LOG.info("job {} exists and has finished ({}): deleting it to run it again", name,
                        existing.get().reason());
                deleteObjects(name);
                awaitGone(desired);
                existing = Optional.empty();
            }
            Optional<HasMetadata> fresh = existing.isPresent() ? Optional.empty() : create(desired);
            created = fresh.isPresent();
            HasMetadata workload = fresh.orElseGet(() -> adopt(name));
            if (desired.service() != null) {
                createService(desired.service(), workload);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() == 422 || e.getCode() == 400) {
                return KubernetesJobHandle.ended(this, name, JobStatus.CONFIGURATION_ERROR,
                        "the API server rejected job " + name + ": " + apiMessage(e), options);
            }
            throw new JobLaunchException("cannot create job " + name + " in namespace " + options.namespace() + ": "
                    + apiMessage(e), e);
        }
        return KubernetesJobHandle.follow(this, name, spec.nodes(), listener, options, created);
    }

    /** The multi-node mode in use: the configured one, with {@link MultiNodeMode#AUTO} resolved once. */
    public MultiNodeMode multiNodeMode() {
        if (options.multiNodeMode() != MultiNodeMode.AUTO) {
            return options.multiNodeMode();
        }
        MultiNodeMode mode = resolvedMode;
        if (mode == null) {
            boolean jobSets;
            try {
                jobSets = client.supports(TrainingJobManifests.JOBSET_API_VERSION, TrainingJobManifests.JOBSET_KIND);
            } catch (KubernetesClientException e) {
                LOG.warn("cannot ask the API server whether it serves JobSets ({}): using Indexed Jobs", e.getMessage());
                jobSets = false;
            }
            mode = jobSets ? MultiNodeMode.JOB_SET : MultiNodeMode.INDEXED_JOB;
            resolvedMode = mode;
            LOG.info("multi-node training jobs run as {}", mode);
        }
        return mode;
    }

    /** Stops the monitoring threads (open handles stop being updated). The client stays open. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        readers.shutdownNow();
    }

    /** Creates the workload; empty when one of that name appeared meanwhile (then it is adopted). */
    private Optional<HasMetadata> create(TrainingJobObjects desired) {
        try {
            HasMetadata created = desired.job() != null
                    ? client.batch().v1().jobs().inNamespace(options.namespace()).resource(desired.job()).create()
                    : client.genericKubernetesResources(TrainingJobManifests.JOBSET_API_VERSION,
                            TrainingJobManifests.JOBSET_KIND).inNamespace(options.namespace())
                            .resource(desired.jobSet()).create();
            LOG.info("job {} created in namespace {}", desired.name(), options.namespace());
            return Optional.of(created);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // Created meanwhile by a concurrent attempt of the same activity: follow that one.
            return Optional.empty();
        }
    }

    private HasMetadata adopt(String name) {
        HasMetadata existing = workload(name)
                .orElseThrow(() -> new JobLaunchException("job " + name + " vanished while being adopted", null));
        Map<String, String> labels = existing.getMetadata().getLabels();
        if (labels == null || !name.equals(labels.get(TrainingJobManifests.LABEL_JOB))) {
            throw new JobLaunchException("a job named " + name + " exists in namespace " + options.namespace()
                    + " and is not an imlab training job", null);
        }
        LOG.info("job {} is already running: following it (a retried activity adopts its job)", name);
        return existing;
    }

    private void createService(Service service, HasMetadata owner) {
        // Owned by the Job: when the Job goes (TTL, cancel, uninstall), the garbage collector takes the Service along.
        service.getMetadata().setOwnerReferences(List.of(TrainingJobManifests.ownerReference(
                owner.getApiVersion(), owner.getKind(), owner.getMetadata().getName(), owner.getMetadata().getUid())));
        try {
            client.services().inNamespace(options.namespace()).resource(service).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    /** The Job or JobSet named {@code name}, if it exists. */
    private Optional<HasMetadata> workload(String name) {
        TrainingJobObjects objects = launched.get(name);
        if (objects != null && objects.jobSet() != null) {
            return Optional.ofNullable(jobSets().withName(name).get());
        }
        return Optional.ofNullable(client.batch().v1().jobs().inNamespace(options.namespace()).withName(name).get());
    }

    /** How the Job or JobSet named {@code name} stands, or empty when it does not exist. */
    Optional<WorkloadState> workloadState(String name) {
        return workload(name).map(KubernetesLauncher::stateOf);
    }

    /** The pods of a job, found by {@link TrainingJobManifests#LABEL_JOB}. */
    List<Pod> pods(String name) {
        return client.pods().inNamespace(options.namespace()).withLabel(TrainingJobManifests.LABEL_JOB, name).list()
                .getItems();
    }

    /** Deletes the job's workload with foreground propagation (pods first) and its Service. */
    void deleteObjects(String name) {
        TrainingJobObjects objects = launched.get(name);
        try {
            if (objects != null && objects.jobSet() != null) {
                jobSets().withName(name).withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            } else {
                client.batch().v1().jobs().inNamespace(options.namespace()).withName(name)
                        .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
            }
            if (objects != null && objects.service() != null) {
                client.services().inNamespace(options.namespace()).withName(objects.service().getMetadata().getName())
                        .delete();
            }
        } catch (KubernetesClientException e) {
            // What is left has an owner or a TTL; a later launch of the same name deletes it again.
            LOG.warn("job {}: cannot delete all of its objects: {}", name, apiMessage(e));
        }
    }

    private void awaitGone(TrainingJobObjects desired) {
        long timeout = options.deleteTimeout().toMillis();
        if (desired.jobSet() != null) {
            jobSets().withName(desired.name()).waitUntilCondition(Objects::isNull, timeout, TimeUnit.MILLISECONDS);
        } else {
            client.batch().v1().jobs().inNamespace(options.namespace()).withName(desired.name())
                    .waitUntilCondition(Objects::isNull, timeout, TimeUnit.MILLISECONDS);
        }
        if (desired.service() != null) {
            client.services().inNamespace(options.namespace()).withName(desired.service().getMetadata().getName())
                    .waitUntilCondition(Objects::isNull, timeout, TimeUnit.MILLISECONDS);
        }
        // The new job's pods are found by the same label: the old ones must be gone first.
        try {
            client.pods().inNamespace(options.namespace()).withLabel(TrainingJobManifests.LABEL_JOB, desired.name())
                    .informOnCondition(List::isEmpty).get(timeout, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new JobLaunchException("the pods of the earlier job " + desired.name() + " are still there after "
                    + options.deleteTimeout(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new JobLaunchException("interrupted while replacing job " + desired.name(), e);
        }
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> jobSets() {
        return client.genericKubernetesResources(TrainingJobManifests.JOBSET_API_VERSION,
                TrainingJobManifests.JOBSET_KIND).inNamespace(options.namespace());
    }

    private static WorkloadState stateOf(HasMetadata workload) {
        if (workload instanceof Job job) {
            List<JobCondition> conditions = job.getStatus() == null || job.getStatus().getConditions() == null
                    ? List.of() : job.getStatus().getConditions();
            for (JobCondition condition : conditions) {
                if ("True".equals(condition.getStatus()) && "Complete".equals(condition.getType())) {
                    return new WorkloadState(true, false, "complete");
                }
                if ("True".equals(condition.getStatus()) && "Failed".equals(condition.getType())) {
                    return new WorkloadState(false, true, condition.getReason() + ": " + condition.getMessage());
                }
            }
            return new WorkloadState(false, false, "active");
        }
        GenericKubernetesResource jobSet = (GenericKubernetesResource) workload;
        Object status = jobSet.getAdditionalProperties().get("status");
        JobSetStatus parsed = status == null ? new JobSetStatus(List.of())
                : SERIALIZATION.convertValue(status, JobSetStatus.class);
        for (Condition condition : parsed.conditions() == null ? List.<Condition>of() : parsed.conditions()) {
            if ("True".equals(condition.getStatus()) && "Completed".equals(condition.getType())) {
                return new WorkloadState(true, false, "completed");
            }
            if ("True".equals(condition.getStatus()) && "Failed".equals(condition.getType())) {
                return new WorkloadState(false, true, condition.getReason() + ": " + condition.getMessage());
            }
        }
        return new WorkloadState(false, false, "active");
    }

    private static String apiMessage(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }

    KubernetesClient client() {
        return client;
    }

    PodPendingListener pending() {
        return pending;
    }

    /** Whether a handle of this launcher has ended the pod's wait. */
    boolean waitEnded(String pod) {
        return endedWaits.contains(pod);
    }

    /** A handle ended the pod's wait. */
    void markWaitEnded(String pod) {
        endedWaits.add(pod);
    }

    ScheduledExecutorService scheduler() {
        return scheduler;
    }

    ExecutorService readers() {
        return readers;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The part of a JobSet's status the launcher reads. */
    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record JobSetStatus(List<Condition> conditions) {
    }

    /**
     * How a Job or JobSet stands.
     *
     * @param succeeded all its pods succeeded
     * @param failed    it failed as a whole
     * @param reason    the condition's reason and message, or {@code active}
     */
    record WorkloadState(boolean succeeded, boolean failed, String reason) {
        boolean finished() {
            return succeeded || failed;
        }
    }
}
