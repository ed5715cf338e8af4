package io.imlab.activities.launch;

import java.util.ArrayList;
import java.util.List;

/**
 * The Kubernetes object that owns a training job's objects: when it is deleted, the garbage collector deletes
 * the Job, its Service and pods too, so nothing outlives the installation that started it.
 *
 * @param apiVersion owner's API version, e.g. {@code apps/v1}
 * @param kind       owner's kind, e.g. {@code Deployment}
 * @param name       owner's name, in the job's namespace
 * @param uid        owner's UID (required by Kubernetes; read it from the live object)
 */
public record JobOwner(String apiVersion, String kind, String name, String uid) {

    /**
     * Validates every field.
     *
     * @throws IllegalArgumentException naming each blank field
     */
    public JobOwner {
        List<String> problems = new ArrayList<>();
        if (apiVersion == null || apiVersion.isBlank()) {
            problems.add("apiVersion: must be set");
        }
        if (kind == null || kind.isBlank()) {
            problems.add("kind: must be set");
        }
        if (name == null || name.isBlank()) {
            problems.add("name: must be set");
        }
        if (uid == null || uid.isBlank()) {
            problems.add("uid: must be set");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid job owner: " + String.join("; ", problems));
        }
    }
}
