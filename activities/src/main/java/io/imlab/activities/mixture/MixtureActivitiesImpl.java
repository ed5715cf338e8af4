package io.imlab.activities.mixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.imlab.activities.ActivityFailures;
import io.imlab.activities.ArtifactServices;
import io.imlab.activities.store.ArtifactDescription;
import io.imlab.activities.store.S3Uri;
import io.imlab.cookbook.bench.BenchReader;
import io.imlab.cookbook.mixture.MixtureBuilder;
import io.imlab.cookbook.mixture.MixtureStats;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;
import io.imlab.cookbook.tokenize.Tokenizer;
import io.imlab.cookbook.tokenize.Tokenizers;
import io.imlab.workflows.ArtifactLayout;
import io.imlab.workflows.MixtureActivities;
import io.imlab.workflows.payload.MixtureRef;
import io.imlab.workflows.payload.SampleMixtureInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Samples and packs the training mixture of a bench under a recipe, content-addressed by the bench hash,
 * the recipe, the tokenizer (with a hash of its vocabulary files) and the format version
 * ({@link MixtureBuilder#contentHash}). The same code builds mixtures for {@code imlab mixture build}.
 */
public final class MixtureActivitiesImpl implements MixtureActivities {
    /** Bump when the mixture folder's content changes for the same inputs. */
    public static final String FORMAT_VERSION = MixtureBuilder.FORMAT_VERSION;
    private static final Logger LOG = LoggerFactory.getLogger(MixtureActivitiesImpl.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArtifactServices artifacts;
    private final Tokenizer tokenizer;

    /** Opens each recipe's own tokenizer ({@code recipe.tokenizer}). */
    public MixtureActivitiesImpl(ArtifactServices artifacts) {
        this(artifacts, null);
    }

    /** Uses {@code tokenizer} for every recipe (tests), or each recipe's own when {@code null}. */
    public MixtureActivitiesImpl(ArtifactServices artifacts, Tokenizer tokenizer) {
        this.artifacts = artifacts;
        this.tokenizer = tokenizer;
    }

    @Override
    public MixtureRef sampleMixture(SampleMixtureInput input) {
        Tokenizer tokenizer;
        try {
            tokenizer = this.tokenizer != null ? this.tokenizer : Tokenizers.open(input.recipe().tokenizer());
        } catch (IllegalArgumentException e) {
            throw ActivityFailures.configurationError(e.getMessage(), e);
        }
        String hash = MixtureBuilder.contentHash(input.bench().hash(), input.recipe(), tokenizer.id());
        S3Uri prefix = S3Uri.parse(ArtifactLayout.mixturePrefix(input.bucket(), hash));
        // --no-cache: build and publish again over the published folder (the manifest is written last).
        if (!input.rebuild() && artifacts.publisher().isPublished(prefix)) {
            LOG.info("[{}] mixture {} is cached at {}", input.experiment(), hash, prefix.asPrefix());
            MixtureStats stats = readStats(artifacts.store().getBytes(prefix.resolve(MixtureBuilder.STATS_FILE)));
            return ref(prefix, hash, stats, true);
        }
        BenchReader bench = BenchReader.open(artifacts.fetcher().fetch(S3Uri.parse(input.bench().uri())));
        List<Task> trainTasks;
        try (Stream<Task> tasks = bench.readTrainTasks()) {
            trainTasks = tasks.toList();
        }
        Map<PoolKind, List<TextExample>> pools = new EnumMap<>(PoolKind.class);
        for (PoolKind kind : PoolKind.values()) {
            pools.put(kind, bench.readPool(kind));
        }
        Path scratch = artifacts.newScratchDir("mixture");
        try {
            Path dir = scratch.resolve("mixture");
            MixtureStats stats;
            try {
                stats = new MixtureBuilder().build(trainTasks, pools, input.recipe(), tokenizer, dir);
            } catch (IllegalArgumentException e) {
                throw ActivityFailures.configurationError(e.getMessage(), e);
            }
            artifacts.publisher().publish(dir, prefix, new ArtifactDescription(FORMAT_VERSION, "mixture", hash,
                    "imlab SampleMixture", input.experiment(),
                    Map.of("bench", input.bench().hash(), "tokenizer", tokenizer.id())));
            LOG.info("[{}] sampled mixture {}: {} sequences of {} tokens from {} examples", input.experiment(), hash,
                    stats.packing().sequences(), stats.packing().sequenceLength(), stats.examples());
            return ref(prefix, hash, stats, false);
        } finally {
            ArtifactServices.deleteQuietly(scratch);
        }
    }

    private static MixtureStats readStats(byte[] json) {
        try {
            return JSON.readValue(json, MixtureStats.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read mixture stats", e);
        }
    }

    private static MixtureRef ref(S3Uri prefix, String hash, MixtureStats stats, boolean cached) {
        Map<String, Double> realized = new TreeMap<>();
        stats.byKind().forEach((kind, share) -> realized.put("kind." + kind, share.realized()));
        stats.byCollection().forEach((collection, share) -> realized.put("collection." + collection, share.realized()));
        long tokens = (long) stats.packing().sequences() * stats.packing().sequenceLength();
        return new MixtureRef(prefix.asPrefix().toString(), hash, (int) stats.packing().sequences(), tokens, realized, cached);
    }
}
