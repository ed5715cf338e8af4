package io.imlab.operators;

import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Workflow ids of custom resources. Derived from the resource's uid, which the API server assigns once and never
 * reuses, so every reconcile of one resource names the same workflow (start is idempotent) and a resource deleted
 * and created again under the same name gets a new one.
 */
public final class WorkflowIds {
    private WorkflowIds() {
    }

    /** {@code <kind>-<name>-<uid>}, e.g. {@code ablationgrid-quickstart-0d9c…}; lower-case kind. */
    public static String of(HasMetadata resource) {
        String uid = resource.getMetadata().getUid();
        if (uid == null || uid.isBlank()) {
            throw new IllegalArgumentException("resource " + resource.getMetadata().getName()
                    + " has no uid; only resources read from the API server have one");
        }
        return resource.getKind().toLowerCase(java.util.Locale.ROOT) + "-" + resource.getMetadata().getName() + "-" + uid;
    }
}
