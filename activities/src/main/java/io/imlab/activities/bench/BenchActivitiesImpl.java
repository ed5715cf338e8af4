package io.imlab.activities.bench;

import io.imlab.activities.ActivityFailures;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.S3Uri;
import io.imlab.cookbook.bench.BenchBuildListener;
import io.imlab.cookbook.bench.BenchBuilder;
import io.imlab.cookbook.bench.BenchReader;
import io.imlab.cookbook.bench.BenchSummary;
import io.imlab.cookbook.bench.BenchWriter;
import io.imlab.cookbook.spec.BenchInputs;
import io.imlab.cookbook.spec.SpecValidationException;
import io.imlab.cookbook.split.GeneralizationLevel;
import io.imlab.workflows.ArtifactLayout;
import io.imlab.workflows.BenchActivities;
import io.imlab.workflows.payload.BenchRef;
import io.imlab.workflows.payload.BuildBenchInput;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;

/**
 * Builds the benchmark and its three-level split with {@link BenchBuilder} (the same code as
 * {@code imlab bench build}), content-addressed: the bench folder is named by the hash of its input files'
 * bytes, the bench and split specs and the format version, so any cell or run with the same inputs reuses it.
 * The bench is built in scratch space and published with its manifest last: a complete bench or nothing.
 *
 * <p>A {@code collections} bench reads its files on the worker: {@code bench.dataRoot} (made absolute by the
 * spec loader) must name a folder the worker sees.
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
        BenchInputs inputs;
        String hash;
        try {
            inputs = BenchInputs.resolve(input.bench(), Path.of(""));
            hash = BenchBuilder.contentHash(input.bench(), input.splits(), inputs);
        } catch (SpecValidationException | IllegalArgumentException e) {
            throw ActivityFailures.configurationError(e.getMessage(), e);
        }
        S3Uri prefix = S3Uri.parse(ArtifactLayout.benchPrefix(input.bucket(), hash));
        // --no-cache: build and publish again over the published folder (the manifest is written last).
        if (!input.rebuild() && artifacts.publisher().isPublished(prefix)) {
            LOG.info("[{}] bench {} is cached at {}", input.experiment(), hash, prefix.asPrefix());
            return ref(prefix, hash, BenchReader.open(artifacts.fetcher().fetch(prefix)).summary(), true);
        }
        Path scratch = artifacts.newScratchDir("bench");
        try {
            BenchBuilder.Result result;
            try {
                result = new BenchBuilder(new Heartbeats(input.experiment())).build(input.bench(), input.splits(), inputs, hash,
                        scratch.resolve("bench"));
            } catch (IllegalArgumentException e) {
                throw ActivityFailures.configurationError(e.getMessage(), e);
            }
            BenchSummary summary = result.summary();
            artifacts.publisher().publish(result.dir(), prefix, new ArtifactDescription(FORMAT_VERSION, "bench", hash, PRODUCER,
                    input.experiment(), Map.of("bench.source", input.bench().source())));
            LOG.info("[{}] built bench {}: {} training tasks, {}/{}/{} evaluation tasks at levels 1/2/3, {} flagged (train, eval) pairs",
                    input.experiment(), hash, summary.taskCount("train"), summary.taskCount(GeneralizationLevel.LEVEL1.id()),
                    summary.taskCount(GeneralizationLevel.LEVEL2.id()), summary.taskCount(GeneralizationLevel.LEVEL3.id()),
                    result.leakage().flagged().size());
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

    /** Heartbeats with the build's progress, so a long ingest is seen to be alive (and can be cancelled). */
    private static final class Heartbeats implements BenchBuildListener {
        private final String experiment;
        private final ActivityExecutionContext context;

        Heartbeats(String experiment) {
            this.experiment = experiment;
            this.context = Activity.getExecutionContext();
        }

        @Override
        public void step(String description) {
            LOG.info("[{}] bench: {}", experiment, description);
            context.heartbeat(description);
        }

        @Override
        public void ingested(int done, int total, Path file, long superNiInstances) {
            context.heartbeat("ingested " + done + "/" + total + " files");
        }
    }
}
