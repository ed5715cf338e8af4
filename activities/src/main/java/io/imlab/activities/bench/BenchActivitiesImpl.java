package io.imlab.activities.bench;

import io.imlab.activities.ActivityFailures;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.S3Uri;
import io.imlab.cookbook.bench.Bench;
import io.imlab.cookbook.bench.BenchReader;
import io.imlab.cookbook.bench.BenchSummary;
import io.imlab.cookbook.bench.BenchWriter;
import io.imlab.cookbook.bench.MiniBenchGenerator;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.cookbook.split.SplitResult;
import io.imlab.cookbook.split.ThreeLevelSplitter;
import io.imlab.workflows.ArtifactLayout;
import io.imlab.workflows.BenchActivities;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the benchmark and its three-level split, content-addressed: the bench folder is named by the hash of
 * the bench and split specs and the format version, so any cell or run with the same inputs reuses it.
 */
public final class BenchActivitiesImpl implements BenchActivities {
    /** Bump when the bench folder's content changes for the same specs. */
    public static final String FORMAT_VERSION = BenchWriter.FORMAT;
    private static final Logger LOG = LoggerFactory.getLogger(BenchActivitiesImpl.class);
    private static final String PRODUCER = "imlab BuildBench";

    private final ArtifactServices artifacts;

    public BenchActivitiesImpl(ArtifactServices artifacts) {
        this.artifacts = artifacts;
    }

    @Override
    public BenchRef buildBench(BuildBenchInput input) {
        if (!MiniBenchGenerator.SOURCE.equals(input.bench().source())) {
            throw ActivityFailures.configurationError("bench.source: '" + input.bench().source()
                    + "' is not supported; the built-in source is '" + MiniBenchGenerator.SOURCE + "'", null);
        }
        String hash = ContentHash.of(FORMAT_VERSION, input.bench(), input.splits());
        S3Uri prefix = S3Uri.parse(ArtifactLayout.benchPrefix(input.bucket(), hash));
        // --no-cache: build and publish again over the published folder (the manifest is written last).
        if (!input.rebuild() && artifacts.publisher().isPublished(prefix)) {
            LOG.info("[{}] bench {} is cached at {}", input.experiment(), hash, prefix.asPrefix());
            return ref(prefix, hash, BenchReader.open(artifacts.fetcher().fetch(prefix)).summary(), true);
        }
        Path scratch = artifacts.newScratchDir("bench");
        try {
            Bench bench;
            SplitResult split;
            try {
                bench = new MiniBenchGenerator().generate(input.bench());
                split = new ThreeLevelSplitter().split(bench.tasks(), input.splits());
            } catch (IllegalArgumentException e) {
                throw ActivityFailures.configurationError(e.getMessage(), e);
            }
            Path dir = scratch.resolve("bench");
            BenchSummary summary = new BenchWriter().write(dir, bench, split);
            artifacts.publisher().publish(dir, prefix, new ArtifactDescription(FORMAT_VERSION, "bench", hash, PRODUCER,
                    input.experiment(), Map.of("bench.source", input.bench().source())));
            LOG.info("[{}] built bench {}: {} training tasks, {}/{}/{} evaluation tasks at levels 1/2/3",
                    input.experiment(), hash, summary.taskCount("train"), summary.taskCount(GeneralizationLevel.LEVEL1.id()),
                    summary.taskCount(GeneralizationLevel.LEVEL2.id()), summary.taskCount(GeneralizationLevel.LEVEL3.id()));
            return ref(prefix, hash, summary, false);
        } finally {
            ArtifactServices.deleteQuietly(scratch);
        }
    }

    private static BenchRef ref(S3Uri prefix, String hash, BenchSummary summary, boolean cached) {
        int level1 = summary.taskCount(GeneralizationLevel.LEVEL1.id());
        int level2 = summary.taskCount(GeneralizationLevel.LEVEL2.id());
        int train = summary.taskCount("train");
        return new BenchRef(prefix.asPrefix().toString(), hash, train + level1 + level2, train, level1, level2, cached);
    }
}
