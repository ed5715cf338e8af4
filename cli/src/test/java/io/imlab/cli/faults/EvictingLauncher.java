package io.imlab.cli.faults;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.imlab.activities.launch.JobHandle;
import io.imlab.activities.launch.JobOutcome;
import io.imlab.activities.launch.Launcher;
import io.imlab.activities.launch.ProgressListener;
import io.imlab.activities.launch.TrainingJobSpec;
import io.imlab.activities.launch.k8s.PodFailureClassifier;
import io.imlab.activities.launch.k8s.PodObservation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A {@link Launcher} decorator that evicts the first job it launches as soon as the trainer has published a
 * checkpoint: the job is stopped (SIGTERM, as the kubelet sends) and its outcome is the one
 * {@link PodFailureClassifier} gives an evicted pod, so the training activity sees exactly what it sees from
 * {@code KubernetesLauncher} after an eviction. Later jobs run untouched.
 */
final class EvictingLauncher implements Launcher {
    private final Launcher delegate;
    private final AtomicBoolean evictNext = new AtomicBoolean(true);
    private final List<Integer> evictedAfterStep = new CopyOnWriteArrayList<>();

    EvictingLauncher(Launcher delegate) {
        this.delegate = delegate;
    }

    /** The checkpoint step after which each evicted job was stopped. */
    List<Integer> evictedAfterStep() {
        return List.copyOf(evictedAfterStep);
    }

    @Override
    public JobHandle launch(TrainingJobSpec spec, ProgressListener listener) {
        if (!evictNext.compareAndSet(true, false)) {
            return delegate.launch(spec, listener);
        }
        CompletableFuture<JobHandle> launched = new CompletableFuture<>();
        AtomicBoolean evicted = new AtomicBoolean();
        JobHandle inner = delegate.launch(spec, event -> {
            if (evicted.get()) {
                return; // an evicted pod's last lines reach nobody
            }
            listener.onProgress(event);
            if (event.text("event").filter("checkpoint"::equals).isPresent() && evicted.compareAndSet(false, true)) {
                evictedAfterStep.add((int) event.longValue("step").orElseThrow());
                launched.join().cancel();
            }
        });
        JobHandle handle = new EvictedHandle(inner, evicted);
        launched.complete(inner);
        return handle;
    }

    /** Reports a job stopped by the eviction as the classifier reports an evicted pod. */
    private record EvictedHandle(JobHandle inner, AtomicBoolean evicted) implements JobHandle {
        @Override
        public String jobName() {
            return inner.jobName();
        }

        @Override
        public Optional<JobOutcome> waitFor(Duration timeout) throws InterruptedException {
            return inner.waitFor(timeout).map(this::classify);
        }

        @Override
        public JobOutcome await() throws InterruptedException {
            return classify(inner.await());
        }

        @Override
        public void cancel() {
            inner.cancel();
        }

        @Override
        public OptionalInt exitCode() {
            return inner.exitCode();
        }

        private JobOutcome classify(JobOutcome outcome) {
            if (!evicted.get()) {
                return outcome;
            }
            Pod pod = new PodBuilder().withNewMetadata().withName(outcome.jobName() + "-0").endMetadata()
                    .withNewStatus().withPhase("Failed").withReason("Evicted")
                    .withMessage("The node was low on resource: memory.").endStatus().build();
            PodObservation observation = PodFailureClassifier.observe(pod, "trainer");
            return new JobOutcome(outcome.jobName(), observation.status(), observation.exitCode(), outcome.logTail(),
                    outcome.logFile(), observation.reason());
        }
    }
}
