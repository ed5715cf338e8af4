package io.imlab.activities.launch.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.imlab.activities.launch.JobOutcome;
import io.imlab.activities.launch.JobStatus;
import io.imlab.activities.launch.k8s.PodObservation.Phase;
import org.junit.jupiter.api.Test;

class PodFailureClassifierTest {

    private static final String C = TrainingJobManifests.CONTAINER;

    private static PodBuilder pod(String phase) {
        return new PodBuilder().withNewMetadata().withName("job-0").endMetadata()
                .withStatus(new PodStatusBuilder().withPhase(phase).build());
    }

    private static Pod terminated(String phase, int exitCode, String reason) {
        return pod(phase).editStatus().addToContainerStatuses(new ContainerStatusBuilder().withName(C)
                .withNewState().withNewTerminated().withExitCode(exitCode).withReason(reason).endTerminated()
                .endState().build()).endStatus().build();
    }

    private static Pod waiting(String reason) {
        return pod("Pending").editStatus().addToContainerStatuses(new ContainerStatusBuilder().withName(C)
                .withNewState().withNewWaiting().withReason(reason).withMessage("details").endWaiting()
                .endState().build()).endStatus().build();
    }

    @Test
    void exitCodesFollowTheContract() {
        assertThat(PodFailureClassifier.observe(terminated("Succeeded", 0, "Completed"), C).succeeded()).isTrue();
        PodObservation config = PodFailureClassifier.observe(terminated("Failed", 2, "Error"), C);
        assertThat(config.status()).isEqualTo(JobStatus.CONFIGURATION_ERROR);
        assertThat(config.exitCode()).isEqualTo(2);
        PodObservation crash = PodFailureClassifier.observe(terminated("Failed", 1, "Error"), C);
        assertThat(crash.status()).isEqualTo(JobStatus.FAILED);
        assertThat(crash.reason()).contains("exited 1");
    }

    @Test
    void oomKilledIsRetryable() {
        PodObservation seen = PodFailureClassifier.observe(terminated("Failed", 137, "OOMKilled"), C);
        assertThat(seen.status()).isEqualTo(JobStatus.FAILED);
        assertThat(seen.exitCode()).isEqualTo(137);
        assertThat(seen.reason()).startsWith("OOMKilled");
    }

    @Test
    void evictionPreemptionAndNodeLossAreRetryable() {
        Pod evicted = pod("Failed").editStatus().withReason("Evicted")
                .withMessage("The node was low on resource: memory.").endStatus().build();
        Pod preempted = pod("Running").editStatus().addToConditions(new PodConditionBuilder()
                .withType("DisruptionTarget").withStatus("True").withReason("PreemptionByScheduler")
                .withMessage("preempted by a higher priority pod").build()).endStatus().build();
        Pod nodeLost = pod("Unknown").editStatus().withReason("NodeLost").withMessage("node gone").endStatus().build();
        Pod deleted = new PodBuilder(pod("Running").build()).editMetadata()
                .withDeletionTimestamp("2026-11-26T00:00:00Z").endMetadata().build();

        for (Pod pod : new Pod[] {evicted, preempted, nodeLost, deleted}) {
            PodObservation seen = PodFailureClassifier.observe(pod, C);
            assertThat(seen.phase()).isEqualTo(Phase.ENDED);
            assertThat(seen.status()).isEqualTo(JobStatus.FAILED);
            assertThat(seen.exitCode()).isEqualTo(JobOutcome.NO_EXIT_CODE);
        }
        assertThat(PodFailureClassifier.observe(evicted, C).reason()).contains("evicted", "low on resource");
        assertThat(PodFailureClassifier.observe(preempted, C).reason()).contains("PreemptionByScheduler");
        assertThat(PodFailureClassifier.observe(nodeLost, C).reason()).contains("NodeLost");
    }

    @Test
    void imagePullFailuresAreConfigurationErrorsAfterAGracePeriod() {
        for (String reason : new String[] {"ErrImagePull", "ImagePullBackOff", "CreateContainerConfigError"}) {
            PodObservation seen = PodFailureClassifier.observe(waiting(reason), C);
            assertThat(seen.phase()).as(reason).isEqualTo(Phase.START_FAILING);
            assertThat(seen.status()).isEqualTo(JobStatus.CONFIGURATION_ERROR);
            assertThat(seen.reason()).contains(reason);
        }
        PodObservation invalid = PodFailureClassifier.observe(waiting("InvalidImageName"), C);
        assertThat(invalid.failed()).isTrue();
        assertThat(invalid.status()).isEqualTo(JobStatus.CONFIGURATION_ERROR);
    }

    @Test
    void pendingAndRunningPodsAreNotVerdicts() {
        assertThat(PodFailureClassifier.observe(pod("Pending").build(), C).phase()).isEqualTo(Phase.PENDING);
        assertThat(PodFailureClassifier.observe(waiting("ContainerCreating"), C).phase()).isEqualTo(Phase.PENDING);
        Pod running = pod("Running").editStatus().addToContainerStatuses(new ContainerStatusBuilder().withName(C)
                .withNewState().withNewRunning().endRunning().endState().build()).endStatus().build();
        assertThat(PodFailureClassifier.observe(running, C).phase()).isEqualTo(Phase.RUNNING);
        assertThat(PodFailureClassifier.containerStarted(running, C)).isTrue();
        assertThat(PodFailureClassifier.containerTerminated(running, C)).isFalse();
    }
}
