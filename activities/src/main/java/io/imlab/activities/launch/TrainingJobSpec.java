package io.imlab.activities.launch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * One training job as a {@link Launcher} runs it: a Java main class with arguments and environment, in a
 * working directory. The job talks back through the trainer contract: one JSON object per stdout line for
 * progress, exit code 0 when done, 2 on a configuration error, anything else on a retryable fault.
 *
 * <p>{@code image}, {@code nodes}, {@code gpusPerNode}, {@code resources} and {@code pod} describe the pods for
 * the Kubernetes launcher; the local launcher ignores them. A job for the cluster is usually made with
 * {@link #local} and {@link #onCluster}.
 *
 * @param jobName     name of the job: [a-z0-9] and '-', at most 63 characters (a Kubernetes label value);
 *                    also names the local log file
 * @param mainClass   fully qualified entry point, e.g. {@code io.imlab.trainer.TrainMain}
 * @param args        program arguments
 * @param env         environment variables added to the child's environment (never secrets in a pod spec:
 *                    the Kubernetes launcher takes S3 credentials from a Secret)
 * @param workingDir  working directory of the local process (created if missing)
 * @param image       container image for the Kubernetes launcher, {@code null} for local runs
 * @param nodes       number of nodes (pods), at least 1
 * @param gpusPerNode GPUs requested per node, 0 for CPU
 * @param resources   Kubernetes resource requests by name (e.g. {@code cpu → 2}, {@code memory → 8Gi}); limits
 *                    are in {@link PodOptions#limits()}
 * @param pod         the rest of the pod's shape (pull policy, scheduling, credentials Secret, owner, ...);
 *                    {@link PodOptions#DEFAULTS} when not given
 */
public record TrainingJobSpec(
        String jobName,
        String mainClass,
        List<String> args,
        Map<String, String> env,
        Path workingDir,
        String image,
        int nodes,
        int gpusPerNode,
        Map<String, String> resources,
        PodOptions pod) {

    private static final Pattern JOB_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][\\w$]*(\\.[A-Za-z_$][\\w$]*)*");

    /**
     * Validates every field and reports all problems at once.
     *
     * @throws IllegalArgumentException listing each invalid field with its name
     */
    public TrainingJobSpec {
        List<String> problems = new ArrayList<>();
        if (jobName == null || !JOB_NAME.matcher(jobName).matches()) {
            problems.add("jobName: '" + jobName + "' must be 1-63 characters of [a-z0-9-], starting and ending"
                    + " with a letter or digit");
        }
        if (mainClass == null || !CLASS_NAME.matcher(mainClass).matches()) {
            problems.add("mainClass: '" + mainClass + "' is not a fully qualified class name");
        }
        args = args == null ? List.of() : List.copyOf(args);
        env = env == null ? Map.of() : env;
        env.forEach((name, value) -> {
            if (name == null || name.isEmpty() || name.contains("=") || value == null) {
                problems.add("env." + name + ": name must be non-empty without '=', value must be set");
            }
        });
        if (workingDir == null) {
            problems.add("workingDir: must be set");
        }
        if (nodes < 1) {
            problems.add("nodes: must be >= 1, was " + nodes);
        }
        if (gpusPerNode < 0) {
            problems.add("gpusPerNode: must be >= 0, was " + gpusPerNode);
        }
        resources = resources == null ? Map.of() : resources;
        pod = pod == null ? PodOptions.DEFAULTS : pod;
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid training job: " + String.join("; ", problems));
        }
        env = Collections.unmodifiableMap(new TreeMap<>(env));
        resources = Collections.unmodifiableMap(new TreeMap<>(resources));
    }

    /** A job with {@link PodOptions#DEFAULTS} (the shape before pod options existed). */
    public TrainingJobSpec(String jobName, String mainClass, List<String> args, Map<String, String> env,
            Path workingDir, String image, int nodes, int gpusPerNode, Map<String, String> resources) {
        this(jobName, mainClass, args, env, workingDir, image, nodes, gpusPerNode, resources, PodOptions.DEFAULTS);
    }

    /** A single-node CPU job for the local launcher (no image, no resource requests). */
    public static TrainingJobSpec local(
            String jobName, String mainClass, List<String> args, Map<String, String> env, Path workingDir) {
        return new TrainingJobSpec(jobName, mainClass, args, env, workingDir, null, 1, 0, Map.of(), PodOptions.DEFAULTS);
    }

    /**
     * This job shaped for the Kubernetes launcher: same name, command, arguments and environment.
     *
     * @param clusterShape image, nodes, GPUs, requests and pod options to take over (its own name, command and
     *                     environment are ignored); see {@link ClusterJobShape}
     */
    public TrainingJobSpec onCluster(ClusterJobShape clusterShape) {
        return new TrainingJobSpec(jobName, mainClass, args, env, workingDir, clusterShape.image(),
                clusterShape.nodes(), clusterShape.gpusPerNode(), clusterShape.requests(), clusterShape.pod());
    }
}
