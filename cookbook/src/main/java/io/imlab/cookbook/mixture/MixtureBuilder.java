package io.imlab.cookbook.mixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cookbook.pack.PackedDatasetWriter;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.spec.SpecProblem;
import io.imlab.cookbook.spec.TokenizerSpec;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;
import io.imlab.cookbook.tokenize.Tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Samples a mixture and packs it into a training dataset folder:
 * <ul>
 *   <li>the packed dataset ({@link PackedDatasetWriter}: {@code tokens}, {@code loss_mask} and
 *       {@code segments} as Megatron-LM {@code .bin}/{@code .idx} pairs, then {@code packed.json}) with exactly
 *       {@code recipe.sequenceCount()} sequences;</li>
 *   <li>{@value #EXAMPLES_FILE}: the first {@value #PREVIEW_EXAMPLES} sampled examples in metaseq's
 *       {@code {"src", "tgt"}} form plus {@code kind}, {@code task}, {@code collection}, {@code category} and
 *       {@code shots}, for people to read;</li>
 *   <li>{@value #STATS_FILE}: {@link MixtureStats} of the examples that made it into the sequences, requested
 *       against realized shares by kind, collection and category;</li>
 *   <li>{@value #RECIPE_FILE}: the recipe.</li>
 * </ul>
 * The recipe is checked against the tasks before anything is written, and the folder is assembled under a
 * temporary name and moved into place at the end, so a failed build leaves no folder behind. The same
 * inputs give byte-identical files.
 */
public final class MixtureBuilder {
    /** Bump when the mixture folder's content changes for the same inputs. */
    public static final String FORMAT_VERSION = "imlab-mixture-v2";
    public static final String EXAMPLES_FILE = "examples.jsonl";
    public static final String STATS_FILE = "stats.json";
    /** The recipe the mixture was built from, so tools can reopen its tokenizer ({@code imlab mixture show}). */
    public static final String RECIPE_FILE = "recipe.json";
    public static final int PREVIEW_EXAMPLES = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Told how far packing has got; called after every written sequence. */
    @FunctionalInterface
    public interface Progress {
        void sequencesWritten(long written, long total);

        Progress NONE = (written, total) -> { };
    }

    /** An example waiting in the packer's open sequence. */
    private record Pending(MixtureExample example, boolean truncated) {
    }

    /** Running totals over the written sequences. */
    private static final class PackingTally {
        /** Examples in written sequences whose stats are not recorded yet (the packer is still adding the last one). */
        int committed;
        long truncatedExamples;
        long lossTokens;
        long paddingTokens;
    }

    /**
     * The content address of a mixture: format version, the bench's hash, the recipe (with the tokenizer's
     * file paths left out) and the tokenizer's id, which carries a hash of its vocabulary files.
     */
    public static String contentHash(String benchHash, RecipeSpec recipe, String tokenizerId) {
        RecipeSpec withoutPaths = recipe.withTokenizer(new TokenizerSpec(recipe.tokenizer().kind(), "", "", ""));
        return ContentHash.of(FORMAT_VERSION, benchHash, withoutPaths, tokenizerId);
    }

    public MixtureStats build(List<Task> trainTasks, Map<PoolKind, List<TextExample>> pools, RecipeSpec recipe,
                              Tokenizer tokenizer, Path outDir) {
        return build(trainTasks, pools, recipe, tokenizer, outDir, Progress.NONE);
    }

    /**
     * Samples until {@code recipe.sequenceCount()} packed sequences are written to {@code outDir}, which
     * must not exist yet (or be empty). The last, partly filled sequence is dropped, and so are its examples
     * from the stats.
     *
     * @throws MixtureRecipeException when the recipe does not fit these tasks and pools; nothing is written
     */
    public MixtureStats build(List<Task> trainTasks, Map<PoolKind, List<TextExample>> pools, RecipeSpec recipe,
                              Tokenizer tokenizer, Path outDir, Progress progress) {
        List<SpecProblem> problems = new ArrayList<>();
        if (recipe.sequenceLength() < 2) {
            problems.add(new SpecProblem("recipe.sequenceLength", "must be ≥ 2, got " + recipe.sequenceLength()));
        }
        if (recipe.sequenceCount() < 1) {
            problems.add(new SpecProblem(recipe.tokens() > 0 ? "recipe.tokens" : "recipe.sequences",
                    "must give at least 1 sequence, got " + recipe.sequenceCount()));
        }
        MixturePlan plan;
        try {
            plan = MixturePlan.of(trainTasks, pools, recipe);
        } catch (MixtureRecipeException e) {
            problems.addAll(e.problems());
            plan = null;
        }
        if (Files.exists(outDir) && !isEmptyDirectory(outDir)) {
            problems.add(new SpecProblem("out", outDir + " already exists and is not empty; choose another folder"));
        }
        if (!problems.isEmpty()) {
            throw new MixtureRecipeException(problems);
        }

        Path partial = outDir.toAbsolutePath().resolveSibling("." + outDir.getFileName() + ".partial");
        deleteRecursively(partial);
        try {
            MixtureStats stats = write(plan, pools, recipe, tokenizer, partial, progress);
            Files.deleteIfExists(outDir);
            moveIntoPlace(partial, outDir);
            return stats;
        } catch (IOException e) {
            deleteRecursively(partial);
            throw new UncheckedIOException("cannot write mixture " + outDir, e);
        } catch (RuntimeException | Error e) {
            deleteRecursively(partial);
            throw e;
        }
    }

    private MixtureStats write(MixturePlan plan, Map<PoolKind, List<TextExample>> pools, RecipeSpec recipe,
                               Tokenizer tokenizer, Path dir, Progress progress) throws IOException {
        long target = recipe.sequenceCount();
        MixtureSampler sampler = new MixtureSampler(plan, pools, recipe.seed(), new PromptFormatter(), recipe.metaIcl());
        MixtureStatsRecorder recorder = new MixtureStatsRecorder(plan);
        Deque<Pending> pending = new ArrayDeque<>();
        PackingTally tally = new PackingTally();
        Files.createDirectories(dir);
        PackedDatasetWriter writer = new PackedDatasetWriter(dir, recipe.sequenceLength(),
                tokenizer.vocabSize(), tokenizer.eosId(), tokenizer.padId(), tokenizer.id());
        try (writer; Writer preview = Files.newBufferedWriter(dir.resolve(EXAMPLES_FILE), StandardCharsets.UTF_8)) {
            Packer packer = new Packer(tokenizer, recipe.sequenceLength(), sequence -> {
                if (writer.count() >= target) {
                    return;
                }
                writer.write(sequence);
                int examples = 0;
                byte[] lossMask = sequence.lossMask();
                int[] segmentIds = sequence.segmentIds();
                for (int i = 0; i < segmentIds.length; i++) {
                    examples = Math.max(examples, segmentIds[i]);
                    tally.lossTokens += lossMask[i];
                    tally.paddingTokens += segmentIds[i] == 0 ? 1 : 0;
                }
                tally.committed += examples;
                progress.sequencesWritten(writer.count(), target);
            });
            long sampled = 0;
            while (writer.count() < target) {
                MixtureExample example = sampler.next();
                if (sampled++ < PREVIEW_EXAMPLES) {
                    writePreview(preview, example);
                }
                // The sink may have written this very example (its sequence filled up exactly), so its stats
                // are recorded here, in packing order, once the packer has said whether it truncated it.
                boolean truncated = packer.add(example.source(), example.target());
                pending.addLast(new Pending(example, truncated));
                for (; tally.committed > 0; tally.committed--) {
                    Pending committed = pending.removeFirst();
                    recorder.record(committed.example());
                    tally.truncatedExamples += committed.truncated() ? 1 : 0;
                }
            }
        }

        PackingStats packing = new PackingStats(writer.count(), recipe.sequenceLength(), recorder.examples(),
                tally.truncatedExamples, tally.lossTokens, tally.paddingTokens);
        MixtureStats stats = recorder.stats(packing);
        ObjectMapper pretty = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT)
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
        pretty.writeValue(dir.resolve(STATS_FILE).toFile(), stats);
        pretty.writeValue(dir.resolve(RECIPE_FILE).toFile(), recipe);
        return stats;
    }

    private static void writePreview(Writer out, MixtureExample example) throws IOException {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("src", example.source());
        line.put("tgt", example.target());
        line.put("kind", example.kind().wireName());
        line.put("task", example.task());
        line.put("collection", example.collection());
        line.put("category", example.category());
        line.put("shots", example.shots());
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }

    private static void moveIntoPlace(Path partial, Path outDir) throws IOException {
        Path parent = outDir.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.move(partial, outDir, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(partial, outDir);
        }
    }

    private static boolean isEmptyDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete partial mixture " + dir, e);
        }
    }
}
