package io.imlab.activities.launch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.imlab.activities.launch.k8s.KubernetesLauncher;
import io.imlab.activities.launch.k8s.KubernetesLauncherOptions;
import io.imlab.activities.launch.k8s.MultiNodeMode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Which launcher a worker uses and how it shapes training pods, read from the environment (the Helm chart sets
 * these on the worker). {@code IMLAB_LAUNCHER=local} (the default) runs the trainer as a child process;
 * {@code kubernetes} runs it as Jobs in the worker's namespace. See docs/trainer-contract.md for every variable.
 *
 * @param kind          local or kubernetes
 * @param namespace     namespace of training jobs; {@code null} for the client's (in a pod: the worker's own)
 * @param multiNodeMode how jobs of several nodes become objects
 * @param shape         the pods' image, nodes, GPUs, requests and options (its owner still unresolved); {@code null}
 *                      for local
 * @param owner         owner of training jobs as {@code <apiVersion>/<kind>/<name>} (e.g.
 *                      {@code apps/v1/Deployment/imlab-worker}), resolved to a UID when the launcher opens; or
 *                      {@code null}
 */
public record LauncherSettings(Kind kind, String namespace, MultiNodeMode multiNodeMode, ClusterJobShape shape,
                               String owner) {

    /** {@code local} or {@code kubernetes}. */
    public static final String ENV_LAUNCHER = "IMLAB_LAUNCHER";
    public static final String ENV_NAMESPACE = "IMLAB_K8S_NAMESPACE";
    public static final String ENV_MULTI_NODE = "IMLAB_K8S_MULTI_NODE";
    public static final String ENV_OWNER = "IMLAB_K8S_OWNER";
    public static final String ENV_IMAGE = "IMLAB_TRAINER_IMAGE";
    public static final String ENV_PULL_POLICY = "IMLAB_TRAINER_IMAGE_PULL_POLICY";
    /** JSON array, e.g. {@code ["torchrun","--standalone"]}: never split by a shell. */
    public static final String ENV_COMMAND = "IMLAB_TRAINER_COMMAND";
    /** JSON array; unset for the worker's own trainer arguments ({@code train}). */
    public static final String ENV_ARGS = "IMLAB_TRAINER_ARGS";
    public static final String ENV_NODES = "IMLAB_TRAINER_NODES";
    public static final String ENV_GPUS = "IMLAB_TRAINER_GPUS_PER_NODE";
    public static final String ENV_PROCESSES = "IMLAB_TRAINER_PROCESSES_PER_NODE";
    /** {@code name=quantity,...}, e.g. {@code cpu=8,memory=32Gi}. */
    public static final String ENV_REQUESTS = "IMLAB_TRAINER_REQUESTS";
    public static final String ENV_LIMITS = "IMLAB_TRAINER_LIMITS";
    /** {@code label=value,...}. */
    public static final String ENV_NODE_SELECTOR = "IMLAB_TRAINER_NODE_SELECTOR";
    /** JSON array of {@code {"key","operator","value","effect","tolerationSeconds"}}. */
    public static final String ENV_TOLERATIONS = "IMLAB_TRAINER_TOLERATIONS";
    public static final String ENV_PRIORITY_CLASS = "IMLAB_TRAINER_PRIORITY_CLASS";
    public static final String ENV_QUEUE = "IMLAB_KUEUE_QUEUE";
    public static final String ENV_SERVICE_ACCOUNT = "IMLAB_TRAINER_SERVICE_ACCOUNT";
    public static final String ENV_S3_SECRET = "IMLAB_S3_CREDENTIALS_SECRET";
    public static final String ENV_S3_SECRET_ACCESS_KEY_KEY = "IMLAB_S3_CREDENTIALS_ACCESS_KEY_KEY";
    public static final String ENV_S3_SECRET_SECRET_KEY_KEY = "IMLAB_S3_CREDENTIALS_SECRET_KEY_KEY";
    /** ISO-8601 ({@code PT6H}) or seconds. */
    public static final String ENV_TTL = "IMLAB_TRAINER_TTL";
    public static final String ENV_MASTER_PORT = "IMLAB_TRAINER_MASTER_PORT";
    public static final String ENV_RUN_AS_USER = "IMLAB_TRAINER_RUN_AS_USER";
    public static final String ENV_SCRATCH_SIZE = "IMLAB_TRAINER_SCRATCH_SIZE";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Local or Kubernetes. */
    public enum Kind {
        /** A child process on the worker's machine ({@link LocalProcessLauncher}). */
        LOCAL,
        /** Jobs in a cluster ({@link KubernetesLauncher}). */
        KUBERNETES
    }

    /** The embedded default: local child processes. */
    public static final LauncherSettings LOCAL = new LauncherSettings(Kind.LOCAL, null, MultiNodeMode.AUTO, null, null);

    /** Checks that a Kubernetes launcher has a shape. */
    public LauncherSettings {
        if (kind == Kind.KUBERNETES && shape == null) {
            throw new IllegalArgumentException("shape: a Kubernetes launcher needs the pods' shape");
        }
    }

    /**
     * Reads the settings.
     *
     * @param env usually {@code System.getenv()}
     * @throws IllegalArgumentException naming every invalid variable at once
     */
    public static LauncherSettings fromEnvironment(Map<String, String> env) {
        String launcher = value(env, ENV_LAUNCHER, "local").toLowerCase(Locale.ROOT);
        if (launcher.equals("local")) {
            return LOCAL;
        }
        List<String> problems = new ArrayList<>();
        if (!launcher.equals("kubernetes")) {
            problems.add(ENV_LAUNCHER + ": must be local or kubernetes, was " + launcher);
        }
        Reader read = new Reader(env, problems);
        MultiNodeMode mode = read.parse(ENV_MULTI_NODE, "auto", text -> switch (text.toLowerCase(Locale.ROOT)) {
            case "auto" -> MultiNodeMode.AUTO;
            case "indexed-job" -> MultiNodeMode.INDEXED_JOB;
            case "jobset" -> MultiNodeMode.JOB_SET;
            default -> throw new IllegalArgumentException("must be auto, indexed-job or jobset");
        });
        String image = env.get(ENV_IMAGE);
        if (image == null || image.isBlank()) {
            problems.add(ENV_IMAGE + ": must be set for the kubernetes launcher");
        }
        int nodes = read.parse(ENV_NODES, "1", Integer::parseInt);
        int gpus = read.parse(ENV_GPUS, "0", Integer::parseInt);
        Map<String, String> requests = read.parse(ENV_REQUESTS, "", LauncherSettings::keyValues);
        String secret = env.get(ENV_S3_SECRET);
        PodOptions.Builder pod = PodOptions.builder()
                .imagePullPolicy(value(env, ENV_PULL_POLICY, "IfNotPresent"))
                .command(read.parse(ENV_COMMAND, "[]", LauncherSettings::stringArray))
                .args(env.containsKey(ENV_ARGS) ? read.parse(ENV_ARGS, "[]", LauncherSettings::stringArray) : null)
                .processesPerNode(read.parse(ENV_PROCESSES, "0", Integer::parseInt))
                .limits(read.parse(ENV_LIMITS, "", LauncherSettings::keyValues))
                .nodeSelector(read.parse(ENV_NODE_SELECTOR, "", LauncherSettings::keyValues))
                .tolerations(read.parse(ENV_TOLERATIONS, "[]", LauncherSettings::tolerations))
                .priorityClassName(env.get(ENV_PRIORITY_CLASS))
                .queueName(env.get(ENV_QUEUE))
                .serviceAccountName(env.get(ENV_SERVICE_ACCOUNT))
                .s3Credentials(secret == null || secret.isBlank() ? null : new S3CredentialsSecret(secret,
                        value(env, ENV_S3_SECRET_ACCESS_KEY_KEY, S3CredentialsSecret.DEFAULT_ACCESS_KEY_KEY),
                        value(env, ENV_S3_SECRET_SECRET_KEY_KEY, S3CredentialsSecret.DEFAULT_SECRET_KEY_KEY)))
                .ttlAfterFinished(read.parse(ENV_TTL, PodOptions.DEFAULT_TTL_AFTER_FINISHED.toString(),
                        LauncherSettings::duration))
                .masterPort(read.parse(ENV_MASTER_PORT, Integer.toString(PodOptions.DEFAULT_MASTER_PORT),
                        Integer::parseInt))
                .runAsUser(read.parse(ENV_RUN_AS_USER, Long.toString(PodOptions.DEFAULT_RUN_AS_USER), Long::parseLong))
                .scratchSizeLimit(env.get(ENV_SCRATCH_SIZE));
        String owner = env.get(ENV_OWNER);
        if (owner != null && !owner.isBlank() && owner.split("/").length < 3) {
            problems.add(ENV_OWNER + ": must be <apiVersion>/<kind>/<name>, e.g. apps/v1/Deployment/imlab-worker");
        }
        ClusterJobShape shape = null;
        if (problems.isEmpty()) {
            try {
                shape = new ClusterJobShape(image, nodes, gpus, requests, pod.build());
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid launcher settings: " + String.join("; ", problems));
        }
        return new LauncherSettings(Kind.KUBERNETES, env.get(ENV_NAMESPACE), mode, shape,
                owner == null || owner.isBlank() ? null : owner);
    }

    /**
     * Opens the Kubernetes launcher: resolves the namespace and the owner's UID.
     *
     * @param client a client for the cluster (in a pod: {@code new KubernetesClientBuilder().build()})
     * @return the launcher and the job shape to hand to the training activity
     */
    public KubernetesLaunch openKubernetes(KubernetesClient client) {
        return openKubernetes(client, PodPendingListener.NONE);
    }

    /**
     * As {@link #openKubernetes(KubernetesClient)}, with a launcher that reports how long each training pod waits
     * to run to {@code pending} (the worker's {@code ImlabMetrics}).
     */
    public KubernetesLaunch openKubernetes(KubernetesClient client, PodPendingListener pending) {
        if (kind != Kind.KUBERNETES) {
            throw new IllegalStateException("the launcher is " + kind);
        }
        String ns = namespace != null && !namespace.isBlank() ? namespace : client.getNamespace();
        ClusterJobShape resolved = shape;
        if (owner != null) {
            int kindSlash = owner.lastIndexOf('/', owner.lastIndexOf('/') - 1);
            String apiVersion = owner.substring(0, kindSlash);
            String ownerKind = owner.substring(kindSlash + 1, owner.lastIndexOf('/'));
            String name = owner.substring(owner.lastIndexOf('/') + 1);
            GenericKubernetesResource live = client.genericKubernetesResources(apiVersion, ownerKind).inNamespace(ns)
                    .withName(name).get();
            if (live == null) {
                throw new IllegalArgumentException(ENV_OWNER + ": " + owner + " not found in namespace " + ns);
            }
            PodOptions pod = shape.pod().toBuilder()
                    .owner(new JobOwner(apiVersion, ownerKind, name, live.getMetadata().getUid())).build();
            resolved = new ClusterJobShape(shape.image(), shape.nodes(), shape.gpusPerNode(), shape.requests(), pod);
        }
        KubernetesLauncherOptions defaults = KubernetesLauncherOptions.defaults(ns);
        KubernetesLauncherOptions options = new KubernetesLauncherOptions(ns, multiNodeMode, defaults.pollInterval(),
                defaults.startFailureGrace(), defaults.logDrainTimeout(), defaults.deleteTimeout(), defaults.tailLines());
        return new KubernetesLaunch(new KubernetesLauncher(client, options, pending), resolved);
    }

    /**
     * An opened Kubernetes launcher.
     *
     * @param launcher the launcher (close it when the worker stops)
     * @param shape    the job shape with its owner resolved
     */
    public record KubernetesLaunch(KubernetesLauncher launcher, ClusterJobShape shape) {
    }

    private static String value(Map<String, String> env, String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.strip();
    }

    static Map<String, String> keyValues(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("'" + pair + "' is not name=value");
            }
            result.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
        }
        return result;
    }

    private static List<String> stringArray(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<String>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("must be a JSON array of strings (" + e.getOriginalMessage() + ")");
        }
    }

    private static List<PodToleration> tolerations(String json) {
        try {
            return JSON.readValue(json, new TypeReference<List<PodToleration>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("must be a JSON array of tolerations (" + e.getOriginalMessage() + ")");
        }
    }

    private static Duration duration(String text) {
        try {
            return text.matches("\\d+") ? Duration.ofSeconds(Long.parseLong(text)) : Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("must be seconds or an ISO-8601 duration such as PT6H");
        }
    }

    /** Parses variables and collects every problem with the variable's name. */
    private record Reader(Map<String, String> env, List<String> problems) {
        <T> T parse(String name, String fallback, Function<String, T> parser) {
            String text = value(env, name, fallback);
            try {
                return parser.apply(text);
            } catch (RuntimeException e) {
                problems.add(name + ": '" + text + "' " + e.getMessage());
                try {
                    return parser.apply(fallback);
                } catch (RuntimeException ignored) {
                    return null;
                }
            }
        }
    }
}
