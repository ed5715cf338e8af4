package io.imlab.cli.cluster;

import io.imlab.workflows.BenchActivities;
import io.imlab.workflows.EvaluationActivities;
import io.imlab.workflows.FailureTypes;
import io.imlab.workflows.MixtureActivities;
import io.imlab.workflows.ReportActivities;
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
import io.imlab.workflows.payload.TrainResult;
import io.imlab.cookbook.bench.MiniBenchGenerator;
import io.imlab.cookbook.split.ThreeLevelSplitter;
import io.temporal.failure.ApplicationFailure;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fast fake of the five step activities, for orchestration tests: every step returns at once with a small
 * payload derived from its input, and counts its executions. A bench source of {@code broken} fails as a
 * configuration error, like the real bench activity does for an unknown source.
 */
final class FastFakeActivities implements BenchActivities, MixtureActivities, TrainingActivities, EvaluationActivities,
        ReportActivities {
    final AtomicInteger benches = new AtomicInteger();
    final AtomicInteger mixtures = new AtomicInteger();
    final List<String> trainedRuns = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> reports = new ConcurrentHashMap<>();

    @Override
    public BenchRef buildBench(BuildBenchInput input) {
        benches.incrementAndGet();
        // The real split check, on the real mini bench: a category the bench lacks is a configuration error
        // that only the bench build can see (the spec loader does not know the bench's categories).
        try {
            new ThreeLevelSplitter().split(new MiniBenchGenerator().generate(input.bench()).tasks(), input.splits());
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), FailureTypes.CONFIGURATION_ERROR);
        }
        return new BenchRef("s3://" + input.bucket() + "/benches/fake/", "fake", 10, 6, 2, 2, false);
    }

    @Override
    public MixtureRef sampleMixture(SampleMixtureInput input) {
        mixtures.incrementAndGet();
        String hash = "m" + input.recipe().cotShare();
        return new MixtureRef("s3://" + input.bucket() + "/mixtures/" + hash + "/", hash, 8, 1024, Map.of(), false);
    }

    @Override
    public TrainResult train(TrainInput input) {
        trainedRuns.add(input.runId());
        return new TrainResult(input.checkpointPrefixUri() + "step-1/", 1, 1.0, 128, input.checkpointPrefixUri() + "loss.jsonl");
    }

    @Override
    public EvalResult evaluate(EvaluateInput input) {
        return new EvalResult(input.outputUri(), List.of(new LevelScore("level3", 0, 0.5, 2, 0.25)));
    }

    @Override
    public ReportRef writeExperimentReport(ExperimentReportInput input) {
        reports.computeIfAbsent(input.runId(), r -> new AtomicInteger()).incrementAndGet();
        return report(input.outputUri());
    }

    @Override
    public ReportRef writeGridReport(GridReportInput input) {
        return report(input.outputUri());
    }

    private static ReportRef report(String folder) {
        return new ReportRef(folder, folder + "results.json", folder + "results.csv", folder + "report.html");
    }
}
