package io.imlab.activities.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How the Kubernetes launcher shapes a training job's pods, beyond the image, node count, GPUs and resource
 * requests of {@link TrainingJobSpec}. The local launcher ignores all of it. Build one with {@link #builder()}.
 *
 * @param imagePullPolicy    {@code Always}, {@code IfNotPresent} or {@code Never}
 * @param command            container command; empty to use the image's entrypoint. Passed as an argv array:
 *                           no shell ever parses it
 * @param args               container arguments; {@code null} to use the job's {@link TrainingJobSpec#args()}
 * @param processesPerNode   torchrun's {@code PET_NPROC_PER_NODE}; 0 for one per GPU (at least one)
 * @param limits             resource limits by name (e.g. {@code memory → 16Gi}); GPUs are added from
 *                           {@link TrainingJobSpec#gpusPerNode()} to requests and limits alike
 * @param nodeSelector       node labels the pods must match, e.g. {@code nvidia.com/gpu.product → NVIDIA-H100-80GB-HBM3}
 * @param tolerations        taints the pods tolerate
 * @param priorityClassName  PriorityClass of the pods, or {@code null}
 * @param queueName          Kueue LocalQueue (label {@code kueue.x-k8s.io/queue-name}); the job is then created
 *                           suspended and Kueue admits it as a whole (gang admission); {@code null} for none
 * @param serviceAccountName ServiceAccount of the pods, or {@code null} for the namespace default (its token is
 *                           never mounted: a trainer does not call the Kubernetes API)
 * @param s3Credentials      Secret with the object store credentials, or {@code null} when the job's environment
 *                           carries none
 * @param ttlAfterFinished   how long a finished Job (and through it its pods and Service) is kept; {@code null} to
 *                           keep it until deleted
 * @param owner              owner of the Job (and Service), or {@code null}
 * @param masterPort         torchrun's {@code PET_MASTER_PORT} on node 0
 * @param runAsUser          numeric non-root UID (and GID) of the trainer container
 * @param scratchSizeLimit   size limit of the writable scratch volume at {@code IMLAB_WORK_DIR}, e.g. {@code 20Gi};
 *                           {@code null} for none
 */
public record PodOptions(
        String imagePullPolicy,
        List<String> command,
        List<String> args,
        int processesPerNode,
        Map<String, String> limits,
        Map<String, String> nodeSelector,
        List<PodToleration> tolerations,
        String priorityClassName,
        String queueName,
        String serviceAccountName,
        S3CredentialsSecret s3Credentials,
        Duration ttlAfterFinished,
        JobOwner owner,
        int masterPort,
        long runAsUser,
        String scratchSizeLimit) {

    /** torchrun's default rendezvous port. */
    public static final int DEFAULT_MASTER_PORT = 29500;
    /** The UID of the imlab image and Helm chart. */
    public static final long DEFAULT_RUN_AS_USER = 10001;
    /** Keep finished jobs a day for inspection. */
    public static final Duration DEFAULT_TTL_AFTER_FINISHED = Duration.ofDays(1);

    private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

    /** Options with every default: no scheduling constraints, no credentials, TTL one day. */
    public static final PodOptions DEFAULTS = builder().build();

    /**
     * Validates every field and reports all problems at once.
     *
     * @throws IllegalArgumentException naming each invalid field
     */
    public PodOptions {
        List<String> problems = new ArrayList<>();
        if (!PULL_POLICIES.contains(imagePullPolicy)) {
            problems.add("imagePullPolicy: must be one of " + PULL_POLICIES + ", was " + imagePullPolicy);
        }
        command = command == null ? List.of() : List.copyOf(command);
        args = args == null ? null : List.copyOf(args);
        if (processesPerNode < 0) {
            problems.add("processesPerNode: must be >= 0, was " + processesPerNode);
        }
        limits = sorted(limits);
        nodeSelector = sorted(nodeSelector);
        tolerations = tolerations == null ? List.of() : List.copyOf(tolerations);
        if (queueName != null && queueName.isBlank()) {
            problems.add("queueName: must not be blank (null for none)");
        }
        if (ttlAfterFinished != null && ttlAfterFinished.isNegative()) {
            problems.add("ttlAfterFinished: must not be negative");
        }
        if (masterPort < 1 || masterPort > 65535) {
            problems.add("masterPort: must be 1-65535, was " + masterPort);
        }
        if (runAsUser < 1) {
            problems.add("runAsUser: must be a non-root UID (>= 1), was " + runAsUser);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid pod options: " + String.join("; ", problems));
        }
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.imagePullPolicy = imagePullPolicy;
        b.command = command;
        b.args = args;
        b.processesPerNode = processesPerNode;
        b.limits = limits;
        b.nodeSelector = nodeSelector;
        b.tolerations = tolerations;
        b.priorityClassName = priorityClassName;
        b.queueName = queueName;
        b.serviceAccountName = serviceAccountName;
        b.s3Credentials = s3Credentials;
        b.ttlAfterFinished = ttlAfterFinished;
        b.owner = owner;
        b.masterPort = masterPort;
        b.runAsUser = runAsUser;
        b.scratchSizeLimit = scratchSizeLimit;
        return b;
    }

    /** torchrun processes per node: the option, or one per GPU, or one. */
    public int effectiveProcessesPerNode(int gpusPerNode) {
        return processesPerNode > 0 ? processesPerNode : Math.max(1, gpusPerNode);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }

    /** Builds {@link PodOptions}: one setter per record component (documented there), defaults as in {@link #DEFAULTS}. */
    public static final class Builder {
        private String imagePullPolicy = "IfNotPresent";
        private List<String> command = List.of();
        private List<String> args;
        private int processesPerNode;
        private Map<String, String> limits = Map.of();
        private Map<String, String> nodeSelector = Map.of();
        private List<PodToleration> tolerations = List.of();
        private String priorityClassName;
        private String queueName;
        private String serviceAccountName;
        private S3CredentialsSecret s3Credentials;
        private Duration ttlAfterFinished = DEFAULT_TTL_AFTER_FINISHED;
        private JobOwner owner;
        private int masterPort = DEFAULT_MASTER_PORT;
        private long runAsUser = DEFAULT_RUN_AS_USER;
        private String scratchSizeLimit;

        private Builder() {
        }

        public Builder imagePullPolicy(String value) {
            imagePullPolicy = value;
            return this;
        }

        public Builder command(List<String> value) {
            command = value;
            return this;
        }

        public Builder args(List<String> value) {
            args = value;
            return this;
        }

        public Builder processesPerNode(int value) {
            processesPerNode = value;
            return this;
        }

        public Builder limits(Map<String, String> value) {
            limits = value;
            return this;
        }

        public Builder nodeSelector(Map<String, String> value) {
            nodeSelector = value;
            return this;
        }

        public Builder tolerations(List<PodToleration> value) {
            tolerations = value;
            return this;
        }

        public Builder priorityClassName(String value) {
            priorityClassName = value;
            return this;
        }

        public Builder queueName(String value) {
            queueName = value;
            return this;
        }

        public Builder serviceAccountName(String value) {
            serviceAccountName = value;
            return this;
        }

        public Builder s3Credentials(S3CredentialsSecret value) {
            s3Credentials = value;
            return this;
        }

        public Builder ttlAfterFinished(Duration value) {
            ttlAfterFinished = value;
            return this;
        }

        public Builder owner(JobOwner value) {
            owner = value;
            return this;
        }

        public Builder masterPort(int value) {
            masterPort = value;
            return this;
        }

        public Builder runAsUser(long value) {
            runAsUser = value;
            return this;
        }

        public Builder scratchSizeLimit(String value) {
            scratchSizeLimit = value;
            return this;
        }

        /** @throws IllegalArgumentException naming each invalid field */
        public PodOptions build() {
            return new PodOptions(imagePullPolicy, command, args, processesPerNode, limits, nodeSelector, tolerations,
                    priorityClassName, queueName, serviceAccountName, s3Credentials, ttlAfterFinished, owner,
                    masterPort, runAsUser, scratchSizeLimit);
        }
    }
}
