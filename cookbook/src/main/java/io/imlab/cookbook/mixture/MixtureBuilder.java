package io.imlab.cookbook.mixture;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.imlab.cookbook.pack.PackedDatasetWriter;
import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;
import io.imlab.cookbook.tokenize.Tokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples a mixture and packs it into a training dataset folder:
 * <ul>
 *   <li>the packed dataset ({@link PackedDatasetWriter}: {@code tokens.bin}, {@code loss_mask.bin},
 *       {@code segments.bin}, {@code packed.json}) with exactly {@code recipe.sequences()} sequences;</li>
 *   <li>{@value #EXAMPLES_FILE}: the first {@value #PREVIEW_EXAMPLES} sampled examples in metaseq's
 *       {@code {"src", "tgt"}} form plus {@code kind} and {@code task}, for people to read;</li>
 *   <li>{@value #STATS_FILE}: {@link MixtureStats} of the examples that made it into the sequences.</li>
 * </ul>
 * The same inputs give byte-identical files.
 */
public final class MixtureBuilder {
    public static final String EXAMPLES_FILE = "examples.jsonl";
    public static final String STATS_FILE = "stats.json";
    public static final int PREVIEW_EXAMPLES = 1000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An example waiting in the packer's open sequence. */
    private record Pending(MixtureExample example, boolean truncated) {
    }

    /** Running totals over the written sequences. */
    private static final class PackingTally {
        long truncatedExamples;
        long lossTokens;
        long paddingTokens;
    }

    /**
     * Samples until {@code recipe.sequences()} packed sequences are written to {@code outDir}.
     * The last, partly filled sequence is dropped, and so are its examples from the stats.
     *
     * @throws IllegalArgumentException when the recipe does not fit these tasks and pools
     */
    public MixtureStats build(List<Task> trainTasks, Map<PoolKind, List<TextExample>> pools, RecipeSpec recipe,
                              Tokenizer tokenizer, Path outDir) {
        List<String> problems = new ArrayList<>();
        if (recipe.sequenceLength() < 2) {
            problems.add("recipe.sequenceLength: must be ≥ 2, got " + recipe.sequenceLength());
        }
        if (recipe.sequences() < 1) {
            problems.add("recipe.sequences: must be ≥ 1, got " + recipe.sequences());
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid mixture recipe:\n  " + String.join("\n  ", problems));
        }
        MixturePlan plan = MixturePlan.of(trainTasks, pools, recipe);
        MixtureSampler sampler = new MixtureSampler(plan, pools, recipe.seed(), new PromptFormatter());
        MixtureStatsRecorder recorder = new MixtureStatsRecorder(plan);
        Deque<Pending> pending = new ArrayDeque<>();
        PackingTally tally = new PackingTally();

        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create mixture folder " + outDir, e);
        }
        PackedDatasetWriter writer = new PackedDatasetWriter(outDir, recipe.sequenceLength(),
                tokenizer.vocabSize(), tokenizer.eosId(), tokenizer.padId(), tokenizer.id());
        try (writer; Writer preview = Files.newBufferedWriter(outDir.resolve(EXAMPLES_FILE), StandardCharsets.UTF_8)) {
            Packer packer = new Packer(tokenizer, recipe.sequenceLength(), sequence -> {
                if (writer.count() >= recipe.sequences()) {
                    return;
                }
                writer.write(sequence);
                for (int i = 0, n = examplesIn(sequence); i < n; i++) {
                    Pending committed = pending.removeFirst();
                    recorder.record(committed.example());
                    tally.truncatedExamples += committed.truncated() ? 1 : 0;
                }
                for (int i = 0; i < sequence.length(); i++) {
                    tally.lossTokens += sequence.lossMask()[i];
                    tally.paddingTokens += sequence.segmentIds()[i] == 0 ? 1 : 0;
                }
            });
            long sampled = 0;
            while (writer.count() < recipe.sequences()) {
                MixtureExample example = sampler.next();
                if (sampled++ < PREVIEW_EXAMPLES) {
                    writePreview(preview, example);
                }
                TokenizedExample tokens = packer.tokenize(example.source(), example.target());
                pending.addLast(new Pending(example, packer.truncates(tokens)));
                packer.add(tokens);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write mixture in " + outDir, e);
        }

        PackingStats packing = new PackingStats(writer.count(), recipe.sequenceLength(), recorder.examples(),
                tally.truncatedExamples, tally.lossTokens, tally.paddingTokens);
        MixtureStats stats = recorder.stats(packing);
        try {
            JSON.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(outDir.resolve(STATS_FILE).toFile(), stats);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outDir.resolve(STATS_FILE), e);
        }
        return stats;
    }

    private static int examplesIn(PackedSequence sequence) {
        int max = 0;
        for (int id : sequence.segmentIds()) {
            max = Math.max(max, id);
        }
        return max;
    }

    private static void writePreview(Writer out, MixtureExample example) throws IOException {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("src", example.source());
        line.put("tgt", example.target());
        line.put("kind", example.kind().wireName());
        line.put("task", example.task());
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }
}
