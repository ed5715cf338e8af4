package io.imlab.activities.launch.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.batch.v1.Job;

/**
 * The desired Kubernetes objects of one training job: a Job (with a headless Service for several nodes), or a
 * JobSet. Exactly one of {@code job} and {@code jobSet} is set.
 *
 * @param job     the Job, or {@code null} for a JobSet
 * @param service the headless Service of a multi-node Indexed Job, else {@code null}
 * @param jobSet  the JobSet, or {@code null}
 */
public record TrainingJobObjects(Job job, Service service, GenericKubernetesResource jobSet) {

    /** Checks that exactly one workload is set. */
    public TrainingJobObjects {
        if ((job == null) == (jobSet == null)) {
            throw new IllegalArgumentException("exactly one of job and jobSet must be set");
        }
        if (jobSet != null && service != null) {
            throw new IllegalArgumentException("a JobSet makes its own Service");
        }
    }

    /** Name of the workload object (Job or JobSet). */
    public String name() {
        return job != null ? job.getMetadata().getName() : jobSet.getMetadata().getName();
    }
}
