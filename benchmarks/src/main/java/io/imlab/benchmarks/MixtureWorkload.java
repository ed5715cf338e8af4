package io.imlab.benchmarks;

import io.imlab.cookbook.bench.Bench;
import io.imlab.cookbook.bench.MiniBenchGenerator;
import io.imlab.cookbook.mixture.MixtureExample;
import io.imlab.cookbook.mixture.MixturePlan;
import io.imlab.cookbook.mixture.MixtureSampler;
import io.imlab.cookbook.mixture.Packer;
import io.imlab.cookbook.mixture.PromptFormatter;
import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.spec.SplitSpec;
import io.imlab.cookbook.split.SplitResult;
import io.imlab.cookbook.split.ThreeLevelSplitter;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import io.imlab.cookbook.tokenize.Gpt2BpeTokenizer;
import io.imlab.cookbook.tokenize.Tokenizer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The quickstart's bench and recipe, and the two loops the throughput benchmark compares: the whole mixture
 * pipeline (sample → format → tokenize → pack) and tokenizing the very same texts alone.
 */
public final class MixtureWorkload {
    /** Examples per benchmark operation. */
    public static final int EXAMPLES = 2000;

    private final SplitResult split;
    private final Bench bench;
    private final RecipeSpec recipe;
    private final Tokenizer tokenizer;
    private final MixturePlan plan;
    private final List<String[]> texts;

    public MixtureWorkload(String tokenizerKind, int sequenceLength) {
        bench = new MiniBenchGenerator().generate(new BenchSpec("mini", 7, 3, 300));
        split = new ThreeLevelSplitter().split(bench.tasks(), new SplitSpec(7,
                List.of("Word Analogy", "Cause Effect Classification"),
                List.of("Toxic Language Detection", "Summarization", "Mathematics"), 1, 0.1, 50));
        recipe = new RecipeSpec(1, 4096, Map.of(), 0.01, 0, 0.05, sequenceLength, 4000);
        tokenizer = tokenizer(tokenizerKind);
        plan = MixturePlan.of(split.trainTasks(), bench.pools(), recipe);
        texts = new ArrayList<>(EXAMPLES);
        MixtureSampler sampler = sampler();
        for (int i = 0; i < EXAMPLES; i++) {
            MixtureExample example = sampler.next();
            texts.add(new String[] {example.source(), example.target()});
        }
    }

    /** {@code byte}, or {@code gpt2} from OPT's files under {@code -Dimlab.shared.data} (default ../shared/data). */
    public static Tokenizer tokenizer(String kind) {
        if (kind.equals("byte")) {
            return new ByteTokenizer();
        }
        Path root = Path.of(System.getProperty("imlab.shared.data", "../shared/data"), "tokenizer", "opt");
        Path vocab = root.resolve("gpt2-vocab.json");
        Path merges = root.resolve("gpt2-merges.txt");
        if (!Files.isRegularFile(vocab)) {
            throw new IllegalStateException("no " + vocab + "; set -Dimlab.shared.data");
        }
        return Gpt2BpeTokenizer.load(vocab, merges);
    }

    public MixtureSampler sampler() {
        return new MixtureSampler(plan, bench.pools(), recipe.seed(), new PromptFormatter());
    }

    /** Sample → format → tokenize → pack {@link #EXAMPLES} examples; returns the tokens packed. */
    public long pipeline(Consumer<PackedSequence> sink) {
        MixtureSampler sampler = sampler();
        Packer packer = new Packer(tokenizer, recipe.sequenceLength(), sink);
        for (int i = 0; i < EXAMPLES; i++) {
            MixtureExample example = sampler.next();
            packer.add(example.source(), example.target());
        }
        packer.flush();
        return packer.tokensAdded();
    }

    /** Tokenizes the same {@link #EXAMPLES} texts alone; returns the tokens, end-of-document included. */
    public long tokenizeOnly() {
        return tokenizeOnly(ids -> { });
    }

    /**
     * Tokenizes the same {@link #EXAMPLES} texts alone, handing every id array to {@code sink} (the benchmark
     * passes JMH's blackhole, so the compiler cannot drop an encoding whose ids nobody reads); returns the
     * tokens, end-of-document included.
     */
    public long tokenizeOnly(Consumer<int[]> sink) {
        long tokens = 0;
        for (String[] text : texts) {
            int[] source = tokenizer.encode(text[0]);
            int[] target = tokenizer.encode(text[1]);
            sink.accept(source);
            sink.accept(target);
            tokens += source.length + target.length + 1;
        }
        return tokens;
    }

    /** The texts the pipeline formats, in order: {source, target} per example. */
    public List<String[]> texts() {
        return texts;
    }

    public Tokenizer tokenizer() {
        return tokenizer;
    }

    public Bench bench() {
        return bench;
    }

    public SplitResult split() {
        return split;
    }

    public RecipeSpec recipe() {
        return recipe;
    }
}
