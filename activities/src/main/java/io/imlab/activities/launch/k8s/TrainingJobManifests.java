package io.imlab.activities.launch.k8s;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpecBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.imlab.activities.launch.JobOwner;
import io.imlab.activities.launch.PodOptions;
import io.imlab.activities.launch.PodToleration;
import io.imlab.activities.launch.TrainingJobSpec;
import io.imlab.activities.store.S3Config;
import io.imlab.activities.training.TrainerEnvironment;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Pure desired-state builders: a {@link TrainingJobSpec} in, the Kubernetes objects that run it out. No client,
 * no server: what a pod looks like is decided here and unit-tested as data (docs/trainer-contract.md).
 *
 * <ul>
 *   <li>One node: a {@code batch/v1} Job with one pod.</li>
 *   <li>Several nodes, {@link MultiNodeMode#INDEXED_JOB}: an Indexed Job ({@code completions = parallelism =
 *       nodes}) whose pods are {@code <job>-<index>.<service>} through a headless Service and the pod
 *       {@code subdomain}.</li>
 *   <li>Several nodes, {@link MultiNodeMode#JOB_SET}: a JobSet with one replicated Job of that shape; the JobSet
 *       controller makes the headless Service ({@code <jobset>-node-0-<index>.<jobset>}).</li>
 * </ul>
 *
 * <p>Every pod gets torchrun's {@code PET_*} variables (node rank from the completion index), the job's
 * {@code IMLAB_*} variables, S3 credentials from a Secret only, a read-only root file system with writable
 * scratch volumes, no privilege escalation, all capabilities dropped, seccomp {@code RuntimeDefault}. Commands
 * are argv arrays: no shell ever sees a spec string. {@code backoffLimit} is 0 because Temporal, not Kubernetes,
 * retries a failed attempt, so that the retry resumes from the newest checkpoint with fresh settings.
 */
public final class TrainingJobManifests {

    /** Name of the trainer container in every pod. */
    public static final String CONTAINER = "trainer";
    /** Label on every object and pod of a job: the job's name. The launcher finds pods by it. */
    public static final String LABEL_JOB = "imlab.io/job";
    /** Label on every object and pod of a job: the imlab run id (sanitized), when the job's environment has one. */
    public static final String LABEL_RUN = "imlab.io/run";
    /** Kueue's queue label. */
    public static final String LABEL_KUEUE_QUEUE = "kueue.x-k8s.io/queue-name";
    /** Annotation the Job controller puts on each pod of an Indexed Job. */
    public static final String ANNOTATION_COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";
    /** API version of JobSet. */
    public static final String JOBSET_API_VERSION = "jobset.x-k8s.io/v1alpha2";
    /** Kind of JobSet. */
    public static final String JOBSET_KIND = "JobSet";
    /** Name of the JobSet's one replicated Job. */
    public static final String JOBSET_REPLICATED_JOB = "node";
    /** Where the writable scratch volume is mounted; {@code IMLAB_WORK_DIR} points here. */
    public static final String SCRATCH_PATH = "/scratch";

    /** torchrun's environment (torch.distributed.run reads {@code PET_<OPTION>}). */
    public static final String PET_NNODES = "PET_NNODES";
    public static final String PET_NPROC_PER_NODE = "PET_NPROC_PER_NODE";
    public static final String PET_NODE_RANK = "PET_NODE_RANK";
    public static final String PET_MASTER_ADDR = "PET_MASTER_ADDR";
    public static final String PET_MASTER_PORT = "PET_MASTER_PORT";

    private static final String GPU_RESOURCE = "nvidia.com/gpu";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private TrainingJobManifests() {
    }

    /**
     * The objects that run {@code spec} in {@code namespace}.
     *
     * @param mode {@link MultiNodeMode#INDEXED_JOB} or {@link MultiNodeMode#JOB_SET} (resolve {@code AUTO} first);
     *             ignored for one node
     * @throws IllegalArgumentException when the spec cannot run as pods (no image, S3 credentials in the
     *                                  environment without a Secret to take them from, ...)
     */
    public static TrainingJobObjects desired(TrainingJobSpec spec, String namespace, MultiNodeMode mode) {
        Objects.requireNonNull(namespace, "namespace");
        if (mode == MultiNodeMode.AUTO) {
            throw new IllegalArgumentException("mode: resolve AUTO against the cluster before building objects");
        }
        if (spec.nodes() == 1) {
            return new TrainingJobObjects(job(spec, namespace, null), null, null);
        }
        // Each pod's host name is built from the job name and must stay a DNS label (63 characters).
        String lastHost = masterAddress(spec, mode).split("\\.")[0].replaceAll("-0$", "-" + (spec.nodes() - 1));
        if (lastHost.length() > KubernetesNames.MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("jobName: '" + spec.jobName() + "' is too long for " + spec.nodes()
                    + " nodes: the pod host name " + lastHost + " exceeds " + KubernetesNames.MAX_LABEL_LENGTH
                    + " characters");
        }
        if (mode == MultiNodeMode.JOB_SET) {
            return new TrainingJobObjects(null, null, jobSet(spec, namespace));
        }
        String service = serviceName(spec);
        return new TrainingJobObjects(job(spec, namespace, service), headlessService(spec, namespace), null);
    }

    /**
     * The Service name of a multi-node Indexed Job: the job's name where that is a valid Service name (DNS-1035),
     * short enough that {@code <job>-<index>.<service>} stays a valid host name.
     */
    public static String serviceName(TrainingJobSpec spec) {
        return KubernetesNames.dns1035Label(spec.jobName(), KubernetesNames.MAX_LABEL_LENGTH);
    }

    /** torchrun's master address: the DNS name of the pod with node rank 0. */
    public static String masterAddress(TrainingJobSpec spec, MultiNodeMode mode) {
        if (spec.nodes() == 1) {
            return "127.0.0.1";
        }
        return mode == MultiNodeMode.JOB_SET
                ? spec.jobName() + "-" + JOBSET_REPLICATED_JOB + "-0-0." + spec.jobName()
                : spec.jobName() + "-0." + serviceName(spec);
    }

    /** A {@code batch/v1} Job; {@code service} set makes it an Indexed Job whose pods use that subdomain. */
    static Job job(TrainingJobSpec spec, String namespace, String service) {
        return new JobBuilder()
                .withMetadata(metadata(spec, namespace, true))
                .withSpec(jobSpec(spec, service, MultiNodeMode.INDEXED_JOB, true))
                .build();
    }

    /** The headless Service that gives each pod of a multi-node Indexed Job its DNS name. */
    static Service headlessService(TrainingJobSpec spec, String namespace) {
        ObjectMeta meta = metadata(spec, namespace, false);
        meta.setName(serviceName(spec));
        return new ServiceBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withClusterIP("None")
                .withSelector(Map.of(LABEL_JOB, spec.jobName()))
                // Node 0 must resolve before it is "ready": torchrun's rendezvous starts at once on every node.
                .withPublishNotReadyAddresses(true)
                .addNewPort()
                .withName("rendezvous")
                .withPort(spec.pod().masterPort())
                .withProtocol("TCP")
                .endPort()
                .endSpec()
                .build();
    }

    /** A JobSet with one replicated Job of {@code nodes} indexed pods. */
    static GenericKubernetesResource jobSet(TrainingJobSpec spec, String namespace) {
        @SuppressWarnings("unchecked")
        Map<String, Object> jobTemplateSpec = SERIALIZATION.convertValue(
                jobSpec(spec, spec.jobName(), MultiNodeMode.JOB_SET, false), Map.class);
        Map<String, Object> replicatedJob = new LinkedHashMap<>();
        replicatedJob.put("name", JOBSET_REPLICATED_JOB);
        replicatedJob.put("replicas", 1);
        replicatedJob.put("template", Map.of("spec", jobTemplateSpec));
        Map<String, Object> jobSetSpec = new LinkedHashMap<>();
        jobSetSpec.put("network", Map.of("enableDNSHostnames", true, "subdomain", spec.jobName(),
                "publishNotReadyAddresses", true));
        jobSetSpec.put("replicatedJobs", List.of(replicatedJob));
        // One failed pod fails the attempt: Temporal retries it from the newest checkpoint.
        jobSetSpec.put("failurePolicy", Map.of("maxRestarts", 0));
        if (spec.pod().ttlAfterFinished() != null) {
            jobSetSpec.put("ttlSecondsAfterFinished", spec.pod().ttlAfterFinished().toSeconds());
        }
        if (spec.pod().queueName() != null) {
            jobSetSpec.put("suspend", true);
        }
        return new GenericKubernetesResourceBuilder()
                .withApiVersion(JOBSET_API_VERSION)
                .withKind(JOBSET_KIND)
                .withMetadata(metadata(spec, namespace, true))
                .withAdditionalProperties(Map.of("spec", jobSetSpec))
                .build();
    }

    private static JobSpec jobSpec(TrainingJobSpec spec, String subdomain, MultiNodeMode mode, boolean topLevel) {
        PodOptions pod = spec.pod();
        JobSpecBuilder job = new JobSpecBuilder()
                .withBackoffLimit(0)
                .withCompletions(spec.nodes())
                .withParallelism(spec.nodes())
                .withTemplate(podTemplate(spec, subdomain, mode));
        if (spec.nodes() > 1) {
            job.withCompletionMode("Indexed");
        }
        if (topLevel && pod.ttlAfterFinished() != null) {
            job.withTtlSecondsAfterFinished(Math.toIntExact(pod.ttlAfterFinished().toSeconds()));
        }
        if (topLevel && pod.queueName() != null) {
            // Kueue admits a suspended Job as a whole (all nodes at once) and then unsuspends it.
            job.withSuspend(true);
        }
        return job.build();
    }

    /** The pod template shared by every node of the job. */
    static PodTemplateSpec podTemplate(TrainingJobSpec spec, String subdomain, MultiNodeMode mode) {
        PodOptions pod = spec.pod();
        List<Volume> volumes = new ArrayList<>();
        List<VolumeMount> mounts = new ArrayList<>();
        addEmptyDir(volumes, mounts, "scratch", SCRATCH_PATH, null, pod.scratchSizeLimit());
        addEmptyDir(volumes, mounts, "tmp", "/tmp", null, null);
        if (pod.effectiveProcessesPerNode(spec.gpusPerNode()) > 1) {
            // NCCL and DataLoader workers exchange tensors through /dev/shm, which a container caps at 64 MiB.
            addEmptyDir(volumes, mounts, "dshm", "/dev/shm", "Memory", null);
        }
        List<Toleration> tolerations = pod.tolerations().stream().map(TrainingJobManifests::toleration).toList();
        return new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(labels(spec, false))
                .endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withSubdomain(spec.nodes() > 1 && mode == MultiNodeMode.INDEXED_JOB ? subdomain : null)
                .withServiceAccountName(pod.serviceAccountName())
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withPriorityClassName(pod.priorityClassName())
                .withNodeSelector(pod.nodeSelector().isEmpty() ? null : pod.nodeSelector())
                .withTolerations(tolerations.isEmpty() ? null : tolerations)
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withRunAsUser(pod.runAsUser())
                .withRunAsGroup(pod.runAsUser())
                .withFsGroup(pod.runAsUser())
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withContainers(container(spec, mode, mounts))
                .withVolumes(volumes)
                .endSpec()
                .build();
    }

    private static Container container(TrainingJobSpec spec, MultiNodeMode mode, List<VolumeMount> mounts) {
        PodOptions pod = spec.pod();
        if (spec.image() == null || spec.image().isBlank()) {
            throw new IllegalArgumentException("image: a job for the Kubernetes launcher needs a container image");
        }
        Map<String, Quantity> requests = quantities(spec.resources());
        Map<String, Quantity> limits = quantities(pod.limits());
        if (spec.gpusPerNode() > 0) {
            // Extended resources must be requested and limited alike.
            requests.put(GPU_RESOURCE, new Quantity(Integer.toString(spec.gpusPerNode())));
            limits.put(GPU_RESOURCE, new Quantity(Integer.toString(spec.gpusPerNode())));
        }
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(spec.image())
                .withImagePullPolicy(pod.imagePullPolicy())
                .withCommand(pod.command().isEmpty() ? null : pod.command())
                .withArgs(pod.args() != null ? pod.args() : spec.args())
                .withEnv(env(spec, mode))
                .withNewResources()
                .withRequests(requests.isEmpty() ? null : requests)
                .withLimits(limits.isEmpty() ? null : limits)
                .endResources()
                .withNewSecurityContext()
                .withRunAsNonRoot(true)
                .withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true)
                .withPrivileged(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .endSecurityContext()
                .withVolumeMounts(mounts)
                .build();
    }

    /** The container's environment: torchrun's, then the job's (credentials replaced by Secret references). */
    static List<EnvVar> env(TrainingJobSpec spec, MultiNodeMode mode) {
        PodOptions pod = spec.pod();
        List<EnvVar> env = new ArrayList<>();
        env.add(plain(PET_NNODES, Integer.toString(spec.nodes())));
        env.add(plain(PET_NPROC_PER_NODE, Integer.toString(pod.effectiveProcessesPerNode(spec.gpusPerNode()))));
        if (spec.nodes() > 1) {
            env.add(new EnvVarBuilder().withName(PET_NODE_RANK).withNewValueFrom().withNewFieldRef()
                    .withFieldPath("metadata.annotations['" + ANNOTATION_COMPLETION_INDEX + "']")
                    .endFieldRef().endValueFrom().build());
        } else {
            env.add(plain(PET_NODE_RANK, "0"));
        }
        env.add(plain(PET_MASTER_ADDR, masterAddress(spec, mode)));
        env.add(plain(PET_MASTER_PORT, Integer.toString(pod.masterPort())));

        boolean credentialsInSpec = spec.env().containsKey(S3Config.ENV_ACCESS_KEY)
                || spec.env().containsKey(S3Config.ENV_SECRET_KEY);
        if (credentialsInSpec && pod.s3Credentials() == null) {
            throw new IllegalArgumentException("pod.s3Credentials: the job's environment has S3 credentials;"
                    + " name the Secret that holds them so that they never appear in a Job");
        }
        spec.env().forEach((name, value) -> {
            if (!name.equals(S3Config.ENV_ACCESS_KEY) && !name.equals(S3Config.ENV_SECRET_KEY)
                    && !name.equals(TrainerEnvironment.WORK_DIR) && !name.startsWith("PET_")) {
                env.add(plain(name, value));
            }
        });
        env.add(plain(TrainerEnvironment.WORK_DIR, SCRATCH_PATH));
        if (pod.s3Credentials() != null) {
            env.add(secret(S3Config.ENV_ACCESS_KEY, pod.s3Credentials().name(), pod.s3Credentials().accessKeyKey()));
            env.add(secret(S3Config.ENV_SECRET_KEY, pod.s3Credentials().name(), pod.s3Credentials().secretKeyKey()));
        }
        return env;
    }

    private static ObjectMeta metadata(TrainingJobSpec spec, String namespace, boolean withQueue) {
        Map<String, String> labels = labels(spec, withQueue);
        ObjectMetaBuilder meta = new ObjectMetaBuilder()
                .withName(spec.jobName())
                .withNamespace(namespace)
                .withLabels(labels);
        JobOwner owner = spec.pod().owner();
        if (owner != null) {
            meta.withOwnerReferences(ownerReference(owner.apiVersion(), owner.kind(), owner.name(), owner.uid()));
        }
        return meta.build();
    }

    /**
     * A non-controlling owner reference. {@code blockOwnerDeletion} stays unset: setting it needs update rights
     * on the owner's finalizers, which the worker's Role does not grant.
     */
    static OwnerReference ownerReference(String apiVersion, String kind, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
                .build();
    }

    /** Labels of the job's objects and pods. */
    static Map<String, String> labels(TrainingJobSpec spec, boolean withQueue) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("app.kubernetes.io/name", "imlab");
        labels.put("app.kubernetes.io/component", "trainer");
        labels.put("app.kubernetes.io/managed-by", "imlab");
        labels.put(LABEL_JOB, spec.jobName());
        String runId = spec.env().get(TrainerEnvironment.RUN_ID);
        if (runId != null && !runId.isBlank()) {
            labels.put(LABEL_RUN, KubernetesNames.dns1123Label(runId, KubernetesNames.MAX_LABEL_LENGTH));
        }
        if (withQueue && spec.pod().queueName() != null) {
            labels.put(LABEL_KUEUE_QUEUE, spec.pod().queueName());
        }
        return labels;
    }

    private static void addEmptyDir(List<Volume> volumes, List<VolumeMount> mounts, String name, String path,
            String medium, String sizeLimit) {
        volumes.add(new VolumeBuilder().withName(name).withNewEmptyDir()
                .withMedium(medium)
                .withSizeLimit(sizeLimit == null ? null : new Quantity(sizeLimit))
                .endEmptyDir().build());
        mounts.add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName(name).withMountPath(path).build());
    }

    private static Toleration toleration(PodToleration t) {
        return new TolerationBuilder().withKey(t.key()).withOperator(t.operator()).withValue(t.value())
                .withEffect(t.effect()).withTolerationSeconds(t.tolerationSeconds()).build();
    }

    private static Map<String, Quantity> quantities(Map<String, String> values) {
        Map<String, Quantity> result = new LinkedHashMap<>();
        values.forEach((name, value) -> result.put(name, new Quantity(value)));
        return result;
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }

    private static EnvVar secret(String name, String secretName, String key) {
        return new EnvVarBuilder().withName(name).withNewValueFrom().withNewSecretKeyRef()
                .withName(secretName).withKey(key).withOptional(false)
                .endSecretKeyRef().endValueFrom().build();
    }
}
