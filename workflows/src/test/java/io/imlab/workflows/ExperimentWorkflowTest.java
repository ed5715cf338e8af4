package io.imlab.workflows;

import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.EvaluateInput;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentProgress;
import io.imlab.workflows.payload.ExperimentReportInput;
import io.imlab.workflows.payload.ExperimentResult;
import io.imlab.workflows.payload.ExperimentStep;
import io.imlab.workflows.payload.MixtureRef;
import io.imlab.workflows.payload.RunStatus;
import io.imlab.workflows.payload.SampleMixtureInput;
import io.imlab.workflows.payload.TrainInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.worker.Worker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ExperimentWorkflowTest {
    private static final String QUEUE = "experiments-test";

    private FakeActivitiesWorker worker;
    private FakeExperimentActivities activities;
    private WorkflowClient client;

    @BeforeEach
    void startEnvironment() {
        worker = FakeActivitiesWorker.start(QUEUE);
        activities = worker.activities();
        client = worker.client();
    }

    @AfterEach
    void stopEnvironment() {
        worker.close();
    }

    @Test
    void runsTheFiveStepsInOrderPassingEachResultOn() {
        ExperimentSpec spec = ExperimentSpec.defaults("baseline");

        ExperimentResult result = stub("exp-1").run(new ExperimentInput(spec, "run-1", "imlab"));

        assertThat(activities.calls).containsExactly("buildBench:baseline", "sampleMixture:baseline", "train:baseline",
                "evaluate:baseline", "report:baseline");
        BenchRef bench = result.benchRef();
        MixtureRef mixture = result.mixtureRef();
        SampleMixtureInput mixtureInput = activities.inputsOf(SampleMixtureInput.class).get(0);
        assertThat(mixtureInput.bench()).isEqualTo(bench);
        assertThat(mixtureInput.recipe()).isEqualTo(spec.recipe());
        assertThat(mixtureInput.bucket()).isEqualTo("imlab");
        TrainInput trainInput = activities.inputsOf(TrainInput.class).get(0);
        assertThat(trainInput.mixture()).isEqualTo(mixture);
        assertThat(trainInput.model()).isEqualTo(spec.model());
        assertThat(trainInput.training()).isEqualTo(spec.training());
        assertThat(trainInput.runId()).isEqualTo("run-1");
        assertThat(trainInput.checkpointPrefixUri()).isEqualTo("s3://imlab/runs/run-1/checkpoints/");
        EvaluateInput evaluateInput = activities.inputsOf(EvaluateInput.class).get(0);
        assertThat(evaluateInput.bench()).isEqualTo(bench);
        assertThat(evaluateInput.checkpointUri()).isEqualTo(result.trainResult().checkpointUri())
                .isEqualTo("s3://imlab/runs/run-1/checkpoints/step-300/");
        assertThat(evaluateInput.evaluation()).isEqualTo(spec.evaluation());
        assertThat(evaluateInput.outputUri()).isEqualTo("s3://imlab/runs/run-1/eval/");
        ExperimentReportInput reportInput = activities.inputsOf(ExperimentReportInput.class).get(0);
        assertThat(reportInput).isEqualTo(new ExperimentReportInput("run-1", spec, bench, mixture, result.trainResult(),
                result.evalResult(), "s3://imlab/runs/run-1/report/"));
        assertThat(result.name()).isEqualTo("baseline");
        assertThat(result.runId()).isEqualTo("run-1");
        assertThat(result.evalResult().scores()).hasSize(2);
        assertThat(result.reportRef().htmlUri()).isEqualTo("s3://imlab/runs/run-1/report/report.html");

        ExperimentProgress progress = client.newWorkflowStub(ExperimentWorkflow.class, "exp-1").progress();
        assertThat(progress.status()).isEqualTo(RunStatus.COMPLETED);
        assertThat(progress.completed()).containsExactly(ExperimentStep.values());
    }

    @Test
    void aStepThatKeepsFailingFailsTheWorkflowNamingTheStep() {
        activities.failStep(ExperimentStep.TRAIN, "TrainerCrashed", name -> true);

        WorkflowFailedException error = catchThrowableOfType(WorkflowFailedException.class,
                () -> stub("exp-2").run(new ExperimentInput(ExperimentSpec.defaults("crashy"), "run-2", "imlab")));

        ApplicationFailure failure = (ApplicationFailure) error.getCause();
        assertThat(failure.getType()).isEqualTo(FailureTypes.EXPERIMENT_STEP_FAILED);
        assertThat(failure.getOriginalMessage()).isEqualTo("step train failed: train broke for crashy (TrainerCrashed)");
        assertThat(failure.getDetails().get(String.class)).isEqualTo("train");
        // Transient faults are retried with backoff before the step gives up.
        assertThat(activities.attempts.get(ExperimentStep.TRAIN)).hasValue(StepOptions.MAX_ATTEMPTS);
        assertThat(activities.calls).noneMatch(call -> call.startsWith("evaluate:") || call.startsWith("report:"));

        ExperimentProgress progress = client.newWorkflowStub(ExperimentWorkflow.class, "exp-2").progress();
        assertThat(progress.status()).isEqualTo(RunStatus.FAILED);
        assertThat(progress.step()).isEqualTo(ExperimentStep.TRAIN);
        assertThat(progress.completed()).containsExactly(ExperimentStep.BUILD_BENCH, ExperimentStep.SAMPLE_MIXTURE);
        assertThat(progress.failure()).startsWith("step train failed:");
    }

    @Test
    void aConfigurationErrorIsNotRetried() {
        activities.failStep(ExperimentStep.SAMPLE_MIXTURE, FailureTypes.CONFIGURATION_ERROR, name -> true);

        WorkflowFailedException error = catchThrowableOfType(WorkflowFailedException.class,
                () -> stub("exp-3").run(new ExperimentInput(ExperimentSpec.defaults("misconfigured"), "run-3", "imlab")));

        assertThat(((ApplicationFailure) error.getCause()).getOriginalMessage())
                .isEqualTo("step sampleMixture failed: sampleMixture broke for misconfigured (ConfigurationError)");
        assertThat(activities.attempts.get(ExperimentStep.SAMPLE_MIXTURE)).hasValue(1);
        assertThat(activities.calls).containsExactly("buildBench:misconfigured", "sampleMixture:misconfigured");
    }

    @Test
    void rejectsAnIncompleteInputWithoutRunningAnything() {
        WorkflowFailedException error = catchThrowableOfType(WorkflowFailedException.class,
                () -> stub("exp-4").run(new ExperimentInput(ExperimentSpec.defaults("x"), " ", null)));

        ApplicationFailure failure = (ApplicationFailure) error.getCause();
        assertThat(failure.getType()).isEqualTo(FailureTypes.CONFIGURATION_ERROR);
        assertThat(failure.getOriginalMessage()).isEqualTo("invalid experiment input: runId is required; bucket is required");
        assertThat(activities.calls).isEmpty();
    }

    private ExperimentWorkflow stub(String workflowId) {
        return client.newWorkflowStub(ExperimentWorkflow.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(workflowId).build());
    }
}
