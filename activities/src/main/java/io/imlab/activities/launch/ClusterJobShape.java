package io.imlab.activities.launch;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The cluster shape of training jobs, set once for a worker (from {@link LauncherSettings}) and applied to each
 * job with {@link TrainingJobSpec#onCluster(ClusterJobShape)}.
 *
 * @param image       trainer container image, e.g. {@code registry.example.com/imlab/imlab:0.1.0}
 * @param nodes       pods (torchrun nodes) per job, at least 1
 * @param gpusPerNode {@code nvidia.com/gpu} per pod, 0 for CPU
 * @param requests    resource requests by name (e.g. {@code cpu → 8}, {@code memory → 32Gi})
 * @param pod         the rest of the pod's shape
 */
public record ClusterJobShape(String image, int nodes, int gpusPerNode, Map<String, String> requests, PodOptions pod) {

    /**
     * Validates every field and reports all problems at once.
     *
     * @throws IllegalArgumentException naming each invalid field
     */
    public ClusterJobShape {
        List<String> problems = new ArrayList<>();
        if (image == null || image.isBlank()) {
            problems.add("image: must be set");
        }
        if (nodes < 1) {
            problems.add("nodes: must be >= 1, was " + nodes);
        }
        if (gpusPerNode < 0) {
            problems.add("gpusPerNode: must be >= 0, was " + gpusPerNode);
        }
        if (pod == null) {
            problems.add("pod: must be set");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid cluster job shape: " + String.join("; ", problems));
        }
        requests = requests == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(requests));
    }
}
