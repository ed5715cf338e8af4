package io.imlab.activities.launch.k8s;

import java.util.List;
import java.util.Objects;

/**
 * Every Kubernetes API permission {@link KubernetesLauncher} needs, with the calls that need it: the Helm chart's
 * Role grants exactly these (plus the operator's, which live with the operator), and nothing else. Kept true in
 * both directions by tests: {@code KubernetesLauncherIT} records the requests the launcher's client sends to the
 * mock API server and checks that each is covered here and that each verb here was used; the charts module
 * compares the rendered Role with this list. API discovery ({@code /apis/jobset.x-k8s.io}, to resolve
 * {@code IMLAB_K8S_MULTI_NODE=auto}) is a non-resource URL every authenticated user may read
 * ({@code system:discovery}), so it needs no grant. The launcher never reads Secrets: training pods reference the
 * S3 credentials Secret by name and the kubelet, not the worker, reads it.
 */
public final class KubernetesPermissions {

    /**
     * One namespaced RBAC rule.
     *
     * @param apiGroup API group, {@code ""} for the core group
     * @param resource plural resource, with a subresource after a slash ({@code pods/log})
     * @param verbs    RBAC verbs
     * @param calls    the launcher calls that need them
     */
    public record Permission(String apiGroup, String resource, List<String> verbs, String calls) {
        public Permission {
            Objects.requireNonNull(apiGroup, "apiGroup");
            Objects.requireNonNull(resource, "resource");
            verbs = List.copyOf(verbs);
        }
    }

    /** Training as Jobs (single-node, and multi-node as Indexed Jobs with a headless Service). */
    public static final List<Permission> LAUNCHER = List.of(
            new Permission("batch", "jobs", List.of("create", "get", "list", "watch", "delete"),
                    "create a run's Job; get it to follow or adopt it; delete it on cancel or before a relaunch; "
                            + "list and watch until a deleted Job is gone"),
            new Permission("", "pods", List.of("list", "watch"),
                    "list a Job's pods by the imlab.io/job label to follow them; watch until they are gone, and while "
                            + "following a log waits for the trainer's container to start"),
            new Permission("", "pods/log", List.of("get"), "follow the trainer's progress lines in the pod log"),
            new Permission("", "services", List.of("create", "delete", "list", "watch"),
                    "the headless Service of a multi-node Job: create, delete, list and watch until gone"));

    /** Multi-node training as JobSets ({@code IMLAB_K8S_MULTI_NODE} {@code auto} on a cluster with JobSet, or {@code jobset}). */
    public static final List<Permission> JOBSET = List.of(
            new Permission("jobset.x-k8s.io", "jobsets", List.of("create", "get", "list", "watch", "delete"),
                    "as for Jobs, for multi-node runs on clusters that serve JobSets"));

    private KubernetesPermissions() {
    }

    /** {@link #LAUNCHER} and {@link #JOBSET}: what a worker with the Kubernetes launcher may use. */
    public static List<Permission> all() {
        return java.util.stream.Stream.concat(LAUNCHER.stream(), JOBSET.stream()).toList();
    }
}
