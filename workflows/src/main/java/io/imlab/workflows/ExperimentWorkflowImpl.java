package io.imlab.workflows;

import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import io.imlab.workflows.payload.EvalResult;
import io.imlab.workflows.payload.EvaluateInput;
import io.imlab.workflows.payload.ExperimentInput;
import io.imlab.workflows.payload.ExperimentProgress;
import io.imlab.workflows.payload.ExperimentReportInput;
import io.imlab.workflows.payload.ExperimentResult;
import io.imlab.workflows.payload.ExperimentStep;
import io.imlab.workflows.payload.MixtureRef;
import io.imlab.workflows.payload.ReportRef;
import io.imlab.workflows.payload.RunStatus;
import io.imlab.workflows.payload.SampleMixtureInput;
import io.imlab.workflows.payload.TrainInput;
import io.imlab.workflows.payload.TrainResult;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.CanceledFailure;
import io.temporal.workflow.Workflow;
import io.imlab.workflows.payload.BenchFlightInput;
import io.imlab.workflows.payload.MixtureFlightInput;
import io.imlab.workflows.payload.RunRecord;
import org.slf4j.Logger;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs the five steps in order, each as an activity with its own {@link StepOptions}. Deterministic:
 * no I/O, clocks or randomness; artifact locations come from {@link ArtifactLayout}.
 */
public class ExperimentWorkflowImpl implements ExperimentWorkflow {
    private static final Logger log = Workflow.getLogger(ExperimentWorkflowImpl.class);

    private final BenchActivities bench = Workflow.newActivityStub(BenchActivities.class, StepOptions.buildBench());
    private final MixtureActivities mixture = Workflow.newActivityStub(MixtureActivities.class, StepOptions.sampleMixture());
    private final TrainingActivities training = Workflow.newActivityStub(TrainingActivities.class, StepOptions.train());
    private final EvaluationActivities evaluation = Workflow.newActivityStub(EvaluationActivities.class, StepOptions.evaluate());
    private final ReportActivities report = Workflow.newActivityStub(ReportActivities.class, StepOptions.report());
    private final ArtifactFlightActivities flights = Workflow.newActivityStub(ArtifactFlightActivities.class,
            StepOptions.awaitFlight());
    private final RunIndexActivities index = Workflow.newActivityStub(RunIndexActivities.class, StepOptions.index());

    private String experiment;
    private String runId;
    private ExperimentStep step;
    private RunStatus status = RunStatus.RUNNING;
    private final List<ExperimentStep> completed = new ArrayList<>();
    private String failure;

    @Override
    public ExperimentResult run(ExperimentInput input) {
        checkInput(input);
        // Version 1 (issue "Grids"): single-flight bench and mixture builds, the run index, cancellation.
        int version = Workflow.getVersion(GridVersions.CHANGE_ID, Workflow.DEFAULT_VERSION, GridVersions.SINGLE_FLIGHT);
        ExperimentSpec spec = input.spec();
        experiment = spec.name();
        runId = input.runId();
        String bucket = input.bucket();
        if (version < GridVersions.SINGLE_FLIGHT) {
            return runSteps(input, false);
        }
        recordRun(bucket, RunStatus.RUNNING, null);
        try {
            ExperimentResult result = runSteps(input, true);
            recordRun(bucket, RunStatus.COMPLETED, result.reportRef());
            return result;
        } catch (CanceledFailure e) {
            status = RunStatus.CANCELLED;
            failure = "cancelled";
            // The workflow is cancelled, so the last index write runs outside its cancellation scope.
            Workflow.newDetachedCancellationScope(() -> recordRun(bucket, RunStatus.CANCELLED, null)).run();
            throw e;
        } catch (ApplicationFailure e) {
            recordRun(bucket, RunStatus.FAILED, null);
            throw e;
        }
    }

    private ExperimentResult runSteps(ExperimentInput input, boolean singleFlight) {
        ExperimentSpec spec = input.spec();
        String bucket = input.bucket();
        String scope = input.cacheScope() == null ? runId : input.cacheScope();
        BuildBenchInput benchInput = new BuildBenchInput(experiment, spec.bench(), spec.splits(), bucket, input.noCache());
        BenchRef benchRef = step(ExperimentStep.BUILD_BENCH, () -> singleFlight
                ? flights.awaitBench(new BenchFlightInput(ArtifactKeys.flightId("bench",
                        ArtifactKeys.benchHash(spec.bench(), spec.splits()), input.noCache(), scope), benchInput))
                : bench.buildBench(benchInput));
        SampleMixtureInput mixtureInput = new SampleMixtureInput(experiment, benchRef, spec.recipe(), bucket, input.noCache());
        MixtureRef mixtureRef = step(ExperimentStep.SAMPLE_MIXTURE, () -> singleFlight
                ? flights.awaitMixture(new MixtureFlightInput(ArtifactKeys.flightId("mixture",
                        ArtifactKeys.mixtureKey(benchRef.hash(), spec.recipe()), input.noCache(), scope), mixtureInput))
                : mixture.sampleMixture(mixtureInput));
        TrainResult trainResult = step(ExperimentStep.TRAIN, () -> training.train(
                new TrainInput(experiment, runId, mixtureRef, spec.model(), spec.training(),
                        ArtifactLayout.checkpointPrefix(bucket, runId))));
        EvalResult evalResult = step(ExperimentStep.EVALUATE, () -> evaluation.evaluate(
                new EvaluateInput(experiment, runId, benchRef, trainResult.checkpointUri(), spec.evaluation(),
                        ArtifactLayout.evalPrefix(bucket, runId), spec.recipe().tokenizer())));
        ReportRef reportRef = step(ExperimentStep.REPORT, () -> report.writeExperimentReport(
                new ExperimentReportInput(runId, spec, benchRef, mixtureRef, trainResult, evalResult,
                        ArtifactLayout.reportPrefix(bucket, runId))));

        status = RunStatus.COMPLETED;
        log.info("experiment {} run {} completed: {}", experiment, runId, reportRef.uri());
        return new ExperimentResult(experiment, runId, benchRef, mixtureRef, trainResult, evalResult, reportRef);
    }

    @Override
    public ExperimentProgress progress() {
        return new ExperimentProgress(experiment, runId, step, status, completed, failure);
    }

    /** Index writes are an aid to {@code imlab status}: a failed write is logged, never fails the run. */
    private void recordRun(String bucket, RunStatus runStatus, ReportRef reportRef) {
        String gridId = Workflow.getInfo().getParentWorkflowId().isPresent() && runId.contains("/")
                ? runId.substring(0, runId.lastIndexOf('/')) : null;
        try {
            index.recordRun(new RunRecord(runId, Workflow.getInfo().getWorkflowId(), gridId, experiment, runStatus,
                    reportRef == null ? null : reportRef.uri(), failure, bucket));
        } catch (ActivityFailure e) {
            log.warn("experiment {} run {}: run index not written: {}", experiment, runId, FailureMessages.reason(e));
        }
    }

    private <T> T step(ExperimentStep next, Supplier<T> activity) {
        step = next;
        log.info("experiment {} run {}: step {} started", experiment, runId, next.label());
        try {
            T result = activity.get();
            completed.add(next);
            return result;
        } catch (ActivityFailure e) {
            if (e.getCause() instanceof CanceledFailure canceled) {
                throw canceled;
            }
            status = RunStatus.FAILED;
            failure = "step " + next.label() + " failed: " + FailureMessages.reason(e);
            throw ApplicationFailure.newNonRetryableFailureWithCause(failure, FailureTypes.EXPERIMENT_STEP_FAILED, e,
                    next.label());
        }
    }

    private void checkInput(ExperimentInput input) {
        List<String> problems = new ArrayList<>();
        if (input == null || input.spec() == null) {
            problems.add("spec is required");
        }
        if (input == null || input.runId() == null || input.runId().isBlank()) {
            problems.add("runId is required");
        }
        if (input == null || input.bucket() == null || input.bucket().isBlank()) {
            problems.add("bucket is required");
        }
        if (!problems.isEmpty()) {
            status = RunStatus.FAILED;
            failure = "invalid experiment input: " + String.join("; ", problems);
            throw ApplicationFailure.newNonRetryableFailure(failure, FailureTypes.CONFIGURATION_ERROR);
        }
    }
}
