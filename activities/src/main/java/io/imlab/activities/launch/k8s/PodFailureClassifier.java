package io.imlab.activities.launch.k8s;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.imlab.activities.launch.JobOutcome;
import io.imlab.activities.launch.JobStatus;
import io.imlab.activities.launch.k8s.PodObservation.Phase;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies a training pod's state for retry semantics. Pure: a {@link Pod} in, a {@link PodObservation} out.
 *
 * <p>Retryable ({@link JobStatus#FAILED}: Temporal retries, the next attempt resumes from the newest checkpoint):
 * OOMKilled, eviction ({@code Evicted}), preemption and other disruptions (a {@code DisruptionTarget} condition,
 * {@code Preempted}), node loss ({@code NodeLost}, node shutdown, a pod deleted under the job), any exit code
 * but 0 and 2. Never retried ({@link JobStatus#CONFIGURATION_ERROR}): exit code 2 (the trainer contract's
 * configuration error), an invalid image name, and, through {@link Phase#START_FAILING} once a grace period is
 * over, an image that cannot be pulled or a container that cannot be created (e.g. its Secret is missing).
 */
public final class PodFailureClassifier {

    /** Pod-level reasons of a pod the node or the cluster took away: retrying elsewhere may succeed. */
    private static final Set<String> DISRUPTION_REASONS = Set.of("Evicted", "Preempted", "Preempting", "NodeLost",
            "Shutdown", "NodeShutdown", "Terminated", "DeadlineExceeded", "UnexpectedAdmissionError", "OutOfcpu",
            "OutOfmemory", "NodeAffinity");
    /** Waiting reasons that may clear up (a registry hiccup, a Secret created late). */
    private static final Set<String> START_FAILING_REASONS = Set.of("ErrImagePull", "ImagePullBackOff",
            "CreateContainerConfigError", "CreateContainerError", "RegistryUnavailable");
    /** Waiting reasons that never clear up without a new spec. */
    private static final Set<String> INVALID_START_REASONS = Set.of("InvalidImageName", "ErrImageNeverPull");

    private PodFailureClassifier() {
    }

    /**
     * @param pod       a pod of the job
     * @param container name of the trainer container
     */
    public static PodObservation observe(Pod pod, String container) {
        String name = pod.getMetadata().getName();
        PodStatus status = pod.getStatus();
        if (status == null) {
            return new PodObservation(name, Phase.PENDING, null, JobOutcome.NO_EXIT_CODE, "no status yet");
        }
        Optional<ContainerStatus> trainer = Optional.ofNullable(status.getContainerStatuses()).orElse(List.of())
                .stream().filter(c -> container.equals(c.getName())).findFirst();
        Optional<ContainerStateTerminated> terminated = trainer.map(ContainerStatus::getState)
                .map(ContainerState::getTerminated);
        if ("Succeeded".equals(status.getPhase())
                || terminated.isPresent() && Integer.valueOf(0).equals(terminated.get().getExitCode())) {
            return new PodObservation(name, Phase.ENDED, JobStatus.SUCCEEDED, 0, "pod " + name + " succeeded");
        }

        if (status.getReason() != null && DISRUPTION_REASONS.contains(status.getReason())) {
            return ended(name, JobStatus.FAILED, terminated, "pod " + name + " " + describeReason(status.getReason())
                    + ": " + orNone(status.getMessage()));
        }
        Optional<PodCondition> disruption = Optional.ofNullable(status.getConditions()).orElse(List.of()).stream()
                .filter(c -> "DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus()))
                .findFirst();
        if (disruption.isPresent()) {
            return ended(name, JobStatus.FAILED, terminated, "pod " + name + " disrupted ("
                    + disruption.get().getReason() + "): " + orNone(disruption.get().getMessage()));
        }

        if (terminated.isPresent()) {
            ContainerStateTerminated end = terminated.get();
            int exitCode = end.getExitCode() == null ? JobOutcome.NO_EXIT_CODE : end.getExitCode();
            if ("OOMKilled".equals(end.getReason())) {
                return new PodObservation(name, Phase.ENDED, JobStatus.FAILED, exitCode, "OOMKilled: container "
                        + container + " of pod " + name + " exceeded its memory limit");
            }
            JobStatus outcome = JobStatus.fromExitCode(exitCode);
            String detail = end.getReason() == null || "Error".equals(end.getReason()) ? "" : " (" + end.getReason() + ")";
            String what = outcome == JobStatus.CONFIGURATION_ERROR
                    ? "configuration error: the trainer in pod " + name + " exited 2"
                    : "the trainer in pod " + name + " exited " + exitCode + detail;
            return new PodObservation(name, Phase.ENDED, outcome, exitCode, what);
        }
        if ("Failed".equals(status.getPhase())) {
            return new PodObservation(name, Phase.ENDED, JobStatus.FAILED, JobOutcome.NO_EXIT_CODE, "pod " + name
                    + " failed (" + orNone(status.getReason()) + "): " + orNone(status.getMessage()));
        }

        Optional<ContainerStateWaiting> waiting = trainer.map(ContainerStatus::getState).map(ContainerState::getWaiting);
        if (waiting.isPresent() && waiting.get().getReason() != null) {
            String reason = waiting.get().getReason();
            String text = reason + ": " + orNone(waiting.get().getMessage());
            if (INVALID_START_REASONS.contains(reason)) {
                return new PodObservation(name, Phase.ENDED, JobStatus.CONFIGURATION_ERROR, JobOutcome.NO_EXIT_CODE,
                        "pod " + name + " cannot start: " + text);
            }
            if (START_FAILING_REASONS.contains(reason)) {
                String what = reason.contains("Image") || reason.contains("Registry") ? "image pull failed" : "cannot start";
                return new PodObservation(name, Phase.START_FAILING, JobStatus.CONFIGURATION_ERROR,
                        JobOutcome.NO_EXIT_CODE, "pod " + name + " " + what + ": " + text);
            }
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return new PodObservation(name, Phase.ENDED, JobStatus.FAILED, JobOutcome.NO_EXIT_CODE, "pod " + name
                    + " is being deleted (node loss, preemption or deletion outside imlab)");
        }
        boolean running = trainer.map(ContainerStatus::getState).map(ContainerState::getRunning).isPresent();
        return running
                ? new PodObservation(name, Phase.RUNNING, null, JobOutcome.NO_EXIT_CODE, "running")
                : new PodObservation(name, Phase.PENDING, null, JobOutcome.NO_EXIT_CODE, "pending: "
                        + orNone(waiting.map(ContainerStateWaiting::getReason).orElse(status.getPhase())));
    }

    /** Whether the trainer container has started (its log exists): running or terminated. */
    public static boolean containerStarted(Pod pod, String container) {
        return containerState(pod, container)
                .map(state -> state.getRunning() != null || state.getTerminated() != null).orElse(false);
    }

    /** Whether the trainer container has terminated (its log is complete). */
    public static boolean containerTerminated(Pod pod, String container) {
        return containerState(pod, container).map(state -> state.getTerminated() != null).orElse(false)
                || pod.getStatus() != null && ("Succeeded".equals(pod.getStatus().getPhase())
                        || "Failed".equals(pod.getStatus().getPhase()));
    }

    private static Optional<ContainerState> containerState(Pod pod, String container) {
        return Optional.ofNullable(pod.getStatus()).map(PodStatus::getContainerStatuses).orElse(List.of()).stream()
                .filter(c -> container.equals(c.getName())).findFirst().map(ContainerStatus::getState);
    }

    private static PodObservation ended(String name, JobStatus status, Optional<ContainerStateTerminated> terminated,
            String reason) {
        int exitCode = terminated.map(ContainerStateTerminated::getExitCode).orElse(JobOutcome.NO_EXIT_CODE);
        return new PodObservation(name, Phase.ENDED, status, exitCode, reason);
    }

    private static String describeReason(String reason) {
        return switch (reason) {
            case "Evicted" -> "was evicted";
            case "Preempted", "Preempting" -> "was preempted";
            case "NodeLost" -> "lost its node (NodeLost)";
            case "Shutdown", "NodeShutdown", "Terminated" -> "was stopped by a node shutdown (" + reason + ")";
            default -> "failed (" + reason + ")";
        };
    }

    private static String orNone(String text) {
        return text == null || text.isBlank() ? "(no message)" : text;
    }
}
