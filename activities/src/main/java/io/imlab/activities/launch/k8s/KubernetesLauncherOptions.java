package io.imlab.activities.launch.k8s;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@link KubernetesLauncher} works a cluster.
 *
 * @param namespace         namespace of the training jobs (the worker's own, where its Role applies)
 * @param multiNodeMode     how several nodes become objects
 * @param pollInterval      how often the job's pods are looked at
 * @param startFailureGrace how long a pod may fail to start (image pull back-off, missing Secret) before the job
 *                          fails as a configuration error: registries have hiccups, Secrets arrive late
 * @param logDrainTimeout   how long a finished job's logs may take to be read to the end
 * @param deleteTimeout     how long to wait for a finished job of the same name to be gone before re-creating it
 * @param tailLines         log lines kept for {@link io.imlab.activities.launch.JobOutcome#logTail()}
 */
public record KubernetesLauncherOptions(String namespace, MultiNodeMode multiNodeMode, Duration pollInterval,
                                        Duration startFailureGrace, Duration logDrainTimeout, Duration deleteTimeout,
                                        int tailLines) {

    /**
     * Validates every field and reports all problems at once.
     *
     * @throws IllegalArgumentException naming each invalid field
     */
    public KubernetesLauncherOptions {
        List<String> problems = new ArrayList<>();
        if (!KubernetesNames.isDns1123Label(namespace, KubernetesNames.MAX_LABEL_LENGTH)) {
            problems.add("namespace: '" + namespace + "' is not a DNS-1123 label");
        }
        if (multiNodeMode == null) {
            problems.add("multiNodeMode: must be set");
        }
        for (var entry : new Object[][] {{"pollInterval", pollInterval}, {"startFailureGrace", startFailureGrace},
                {"logDrainTimeout", logDrainTimeout}, {"deleteTimeout", deleteTimeout}}) {
            Duration value = (Duration) entry[1];
            if (value == null || value.isNegative() || value.isZero()) {
                problems.add(entry[0] + ": must be a positive duration, was " + value);
            }
        }
        if (tailLines < 1) {
            problems.add("tailLines: must be >= 1, was " + tailLines);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid Kubernetes launcher options: " + String.join("; ", problems));
        }
    }

    /** Defaults for a cluster: poll every 5 s, 5 min grace for start failures, JobSet where installed. */
    public static KubernetesLauncherOptions defaults(String namespace) {
        return new KubernetesLauncherOptions(namespace, MultiNodeMode.AUTO, Duration.ofSeconds(5),
                Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(2), 40);
    }
}
