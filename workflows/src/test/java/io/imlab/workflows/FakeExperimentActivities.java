package io.imlab.workflows;

import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import io.imlab.workflows.payload.EvalResult;
import io.imlab.workflows.payload.EvaluateInput;
import io.imlab.workflows.payload.ExperimentReportInput;
import io.imlab.workflows.payload.ExperimentStep;
import io.imlab.workflows.payload.GridReportInput;
import io.imlab.workflows.payload.LevelScore;
import io.imlab.workflows.payload.MixtureRef;
import io.imlab.workflows.payload.ReportRef;
import io.imlab.workflows.payload.SampleMixtureInput;
import io.imlab.workflows.payload.TrainInput;
import io.imlab.workflows.payload.TrainProgress;
import io.imlab.workflows.payload.TrainResult;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * Hand-written stand-ins for all five activity interfaces: they record every call and its input,
 * return small deterministic payloads derived from the input, and can be told to fail a step or to
 * hold training until the test releases it.
 */
class FakeExperimentActivities implements BenchActivities, MixtureActivities, TrainingActivities,
        EvaluationActivities, ReportActivities, RunIndexActivities {

    /** The run index as written: run id or grid id to its latest record. */
    final Map<String, io.imlab.workflows.payload.RunRecord> runIndex = new ConcurrentHashMap<>();
    final Map<String, io.imlab.workflows.payload.GridRecord> gridIndex = new ConcurrentHashMap<>();

    /** Every call as {@code step:experiment}, in the order they happened. */
    final List<String> calls = new CopyOnWriteArrayList<>();
    final List<Object> inputs = new CopyOnWriteArrayList<>();
    final Map<ExperimentStep, AtomicInteger> attempts = new ConcurrentHashMap<>();

    /** Experiments between their bench build and their report: the cells running now. */
    final AtomicInteger activeExperiments = new AtomicInteger();
    final AtomicInteger maxActiveExperiments = new AtomicInteger();
    final AtomicInteger trainingsInFlight = new AtomicInteger();

    private volatile ExperimentStep failingStep;
    private volatile Predicate<String> failingExperiment = name -> true;
    private volatile String failureType;
    private volatile Semaphore trainingGate;
    private volatile Semaphore benchGate;
    /** Trainings stopped by a cancellation: what a launcher would do by deleting the job's pods. */
    final AtomicInteger stoppedTrainings = new AtomicInteger();

    /** Makes every bench build wait for a permit from the returned semaphore. */
    Semaphore holdBench() {
        benchGate = new Semaphore(0);
        return benchGate;
    }

    /** Makes {@code step} fail with an ApplicationFailure of {@code type} for the matching experiments. */
    void failStep(ExperimentStep step, String type, Predicate<String> experiments) {
        failingStep = step;
        failureType = type;
        failingExperiment = experiments;
    }

    /** Makes every training wait for a permit from the returned semaphore. */
    Semaphore holdTraining() {
        trainingGate = new Semaphore(0);
        return trainingGate;
    }

    @Override
    public BenchRef buildBench(BuildBenchInput input) {
        record(ExperimentStep.BUILD_BENCH, input.experiment(), input);
        if (benchGate != null) {
            try {
                benchGate.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            }
        }
        maybeFail(ExperimentStep.BUILD_BENCH, input.experiment());
        return new BenchRef("s3://" + input.bucket() + "/benches/b1/", "b1", 12, 8, 2, 2, false);
    }

    @Override
    public MixtureRef sampleMixture(SampleMixtureInput input) {
        record(ExperimentStep.SAMPLE_MIXTURE, input.experiment(), input);
        maybeFail(ExperimentStep.SAMPLE_MIXTURE, input.experiment());
        return new MixtureRef("s3://" + input.bucket() + "/mixtures/m-" + input.recipe().cotShare() + "/",
                "m-" + input.recipe().cotShare(), input.recipe().sequences(), 1000L,
                Map.of("cot", input.recipe().cotShare()), false);
    }

    @Override
    public TrainResult train(TrainInput input) {
        record(ExperimentStep.TRAIN, input.experiment(), input);
        trainingsInFlight.incrementAndGet();
        try {
            Semaphore gate = trainingGate;
            if (gate != null) {
                try {
                    waitForPermit(gate, input);
                } catch (io.temporal.client.ActivityCompletionException cancelled) {
                    stoppedTrainings.incrementAndGet();
                    throw cancelled;
                }
            }
            maybeFail(ExperimentStep.TRAIN, input.experiment());
            return new TrainResult(input.checkpointPrefixUri() + "step-" + input.training().steps() + "/",
                    input.training().steps(), 1.25, 4096L, input.checkpointPrefixUri() + "loss.jsonl");
        } finally {
            trainingsInFlight.decrementAndGet();
        }
    }

    @Override
    public EvalResult evaluate(EvaluateInput input) {
        record(ExperimentStep.EVALUATE, input.experiment(), input);
        maybeFail(ExperimentStep.EVALUATE, input.experiment());
        return new EvalResult(input.outputUri(), List.of(
                new LevelScore("level3", 0, 0.5, 8, 0.25), new LevelScore("level3", input.evaluation().shots(), 0.6, 8, 0.25)));
    }

    @Override
    public ReportRef writeExperimentReport(ExperimentReportInput input) {
        record(ExperimentStep.REPORT, input.spec().name(), input);
        maybeFail(ExperimentStep.REPORT, input.spec().name());
        activeExperiments.decrementAndGet();
        return report(input.outputUri());
    }

    @Override
    public ReportRef writeGridReport(GridReportInput input) {
        calls.add("gridReport:" + input.gridId());
        inputs.add(input);
        return report(input.outputUri());
    }

    @Override
    public void recordRun(io.imlab.workflows.payload.RunRecord record) {
        if (record.status() == io.imlab.workflows.payload.RunStatus.RUNNING && runIndex.put(record.runId(), record) == null) {
            // An experiment is active from its first index write to its report (or failure).
            maxActiveExperiments.accumulateAndGet(activeExperiments.incrementAndGet(), Math::max);
        }
        runIndex.put(record.runId(), record);
    }

    @Override
    public void recordGrid(io.imlab.workflows.payload.GridRecord record) {
        gridIndex.put(record.gridId(), record);
    }

    @SuppressWarnings("unchecked")
    <T> List<T> inputsOf(Class<T> type) {
        return (List<T>) inputs.stream().filter(type::isInstance).toList();
    }

    private static ReportRef report(String folder) {
        return new ReportRef(folder, folder + "results.json", folder + "results.csv", folder + "report.html");
    }

    private void record(ExperimentStep step, String experiment, Object input) {
        calls.add(step.label() + ":" + experiment);
        inputs.add(input);
        attempts.computeIfAbsent(step, s -> new AtomicInteger()).incrementAndGet();
    }

    private void maybeFail(ExperimentStep step, String experiment) {
        if (step == failingStep && failingExperiment.test(experiment)) {
            // A failed experiment stops running (grid tests fail with ConfigurationError: one attempt).
            activeExperiments.decrementAndGet();
            throw ApplicationFailure.newFailure(step.label() + " broke for " + experiment, failureType);
        }
    }

    /** Waits in short slices, heartbeating, so a held training looks alive to the workflow. */
    private static void waitForPermit(Semaphore gate, TrainInput input) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (!gate.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                Activity.getExecutionContext().heartbeat(new TrainProgress(0, 0, 0, null));
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("training of " + input.experiment() + " was never released");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while held", e);
        }
    }
}
