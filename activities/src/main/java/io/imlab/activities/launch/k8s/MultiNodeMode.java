package io.imlab.activities.launch.k8s;

/** How a job of several nodes becomes Kubernetes objects. A single-node job is always a plain {@code batch/v1} Job. */
public enum MultiNodeMode {
    /** An Indexed Job (one pod per completion index) and a headless Service that gives each pod a DNS name. */
    INDEXED_JOB,
    /** A JobSet ({@code jobset.x-k8s.io/v1alpha2}), which makes the indexed Job and the headless Service itself. */
    JOB_SET,
    /** {@link #JOB_SET} where the cluster serves the JobSet API, {@link #INDEXED_JOB} elsewhere. */
    AUTO
}
