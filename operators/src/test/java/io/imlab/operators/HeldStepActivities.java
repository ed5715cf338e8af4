package io.imlab.operators;

import io.imlab.workflows.BenchActivities;
import io.imlab.workflows.EvaluationActivities;
import io.imlab.workflows.MixtureActivities;
import io.imlab.workflows.ReportActivities;
import io.imlab.workflows.RunIndexActivities;
import io.imlab.workflows.payload.GridRecord;
import io.imlab.workflows.payload.RunRecord;
import io.imlab.workflows.TrainingActivities;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import io.imlab.workflows.payload.EvalResult;
import io.imlab.workflows.payload.EvaluateInput;
import io.imlab.workflows.payload.ExperimentReportInput;
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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stand-ins for the five activity interfaces, registered on a real worker in the Temporal test environment: each
 * returns a small payload derived from its input, training holds until the test releases its experiment (so a
 * workflow stays running as long as a test needs), and a released experiment can be told to fail training.
 */
final class HeldStepActivities implements BenchActivities, MixtureActivities, TrainingActivities,
        EvaluationActivities, ReportActivities, RunIndexActivities {

    private final Map<String, AtomicInteger> trainings = new ConcurrentHashMap<>();
    private final Map<String, Boolean> released = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

    /**
     * How many times training started for {@code experiment}: once per workflow run (the bench and mixture are
     * content-addressed builds shared across experiments, so they do not count runs).
     */
    int trainings(String experiment) {
        AtomicInteger count = trainings.get(experiment);
        return count == null ? 0 : count.get();
    }

    /** Lets training of every experiment whose name starts with {@code prefix} finish. */
    synchronized void release(String prefix) {
        released.put(prefix, true);
        notifyAll();
    }

    /** Makes training of experiments named {@code experiment} fail once released. */
    void failTraining(String experiment) {
        failing.add(experiment);
    }

    @Override
    public BenchRef buildBench(BuildBenchInput input) {
        return new BenchRef("s3://" + input.bucket() + "/benches/b1/", "b1", 12, 8, 2, 2, false);
    }

    @Override
    public MixtureRef sampleMixture(SampleMixtureInput input) {
        return new MixtureRef("s3://" + input.bucket() + "/mixtures/m1/", "m1", input.recipe().sequences(), 1000L,
                Map.of("cot", input.recipe().cotShare()), false);
    }

    @Override
    public TrainResult train(TrainInput input) {
        if (Activity.getExecutionContext().getInfo().getAttempt() == 1) {
            trainings.computeIfAbsent(input.experiment(), e -> new AtomicInteger()).incrementAndGet();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        // Heartbeat while held: that is how a cancelled workflow's activity learns it is cancelled.
        while (released.keySet().stream().noneMatch(input.experiment()::startsWith)) {
            Activity.getExecutionContext().heartbeat(new TrainProgress(0, 0, 0, null));
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("training of " + input.experiment() + " was never released");
            }
            try {
                synchronized (this) {
                    wait(50);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while held", e);
            }
        }
        if (failing.contains(input.experiment())) {
            throw ApplicationFailure.newNonRetryableFailure("loss diverged for " + input.experiment(), "TrainingDiverged");
        }
        return new TrainResult(input.checkpointPrefixUri() + "step-1/", 1, 1.25, 4096L,
                input.checkpointPrefixUri() + "loss.jsonl");
    }

    @Override
    public EvalResult evaluate(EvaluateInput input) {
        return new EvalResult(input.outputUri(), List.of(new LevelScore("level3", 0, 0.5, 8, 0.25)));
    }

    @Override
    public ReportRef writeExperimentReport(ExperimentReportInput input) {
        return report(input.outputUri());
    }

    @Override
    public ReportRef writeGridReport(GridReportInput input) {
        return report(input.outputUri());
    }

    private static ReportRef report(String folder) {
        return new ReportRef(folder, folder + "results.json", folder + "results.csv", folder + "report.html");
    }

    /** The run index lives in the object store in production; the operator reads workflow state, not the index. */
    @Override
    public void recordRun(RunRecord record) {
    }

    @Override
    public void recordGrid(GridRecord record) {
    }
}
