package io.imlab.benchmarks;

import io.imlab.cookbook.pack.PackedDatasetWriter;
import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import io.imlab.cookbook.tokenize.Tokenizer;
import io.imlab.trainer.CheckpointException;
import io.imlab.trainer.DjlScorer;
import io.imlab.trainer.TrainingJob;
import io.imlab.trainer.TrainingRun;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Rank classification throughput (examples per second) of the in-process scorer, in one run: the prompt
 * computed once per example over a key/value cache ({@link DjlScorer#candidateLogLikelihoods}) against
 * running prompt + candidate for every candidate ({@link DjlScorer#candidateLogLikelihoodsRecomputingPrompt}).
 * The model is the quickstart's {@code tiny} preset (2 layers × 128) with a 512-token context; prompts are
 * byte-level like the quickstart's k-shot prompts, candidates are short labels.
 *
 * <pre>
 * ./mvnw -o -B -q -pl benchmarks -am package -DskipTests
 * OMP_WAIT_POLICY=PASSIVE java -cp "benchmarks/target/classes:benchmarks/target/lib/*" org.openjdk.jmh.Main RankClassification
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.offline=true"})
public class RankClassificationBenchmark {
    static final int EXAMPLES = 16;
    private static final Tokenizer TOKENIZER = new ByteTokenizer();
    private static final int CONTEXT = 512;
    private static final List<String> LABELS = List.of(" positive", " negative", " neutral", " cause", " effect",
            " entailment", " contradiction", " yes", " no", " unknown");

    /** Candidates per example. */
    @Param({"2", "3", "5"})
    public int candidates;

    /** Prompt length in bytes (= tokens for the byte tokenizer): a 0-shot and a k-shot prompt. */
    @Param({"150", "400"})
    public int promptBytes;

    private Path work;
    private DjlScorer scorer;
    private final List<String> prompts = new ArrayList<>();
    private final List<List<String>> options = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws IOException, CheckpointException {
        work = Files.createTempDirectory("imlab-bench-");
        Path data = pack(work.resolve("data"));
        TrainingJob job = new TrainingJob(data, work.resolve("checkpoints"), new ModelSpec("tiny", 0, 0, 0, 0.0),
                new TrainingSpec(1, 2, 2, 1e-3, 1, 1.0, 2));
        Path checkpoint;
        try (TrainingRun run = TrainingRun.start(job)) {
            checkpoint = run.run().lastCheckpoint().orElseThrow().directory();
        }
        scorer = DjlScorer.load(checkpoint, TOKENIZER);
        Random random = new Random(7);
        String words = "the quick brown fox jumps over a lazy dog while it rains in the city and nobody knows why ";
        for (int i = 0; i < EXAMPLES; i++) {
            StringBuilder prompt = new StringBuilder("Definition: Decide the label.\n\nInput: ");
            while (prompt.length() < promptBytes - 8) {
                prompt.append(words.charAt(random.nextInt(words.length())));
            }
            prompts.add(prompt.append("\nAnswer:").toString());
            List<String> shuffled = new ArrayList<>(LABELS);
            java.util.Collections.shuffle(shuffled, random);
            options.add(List.copyOf(shuffled.subList(0, candidates)));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        scorer.close();
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public void sharedPrompt(Blackhole sink) {
        for (int i = 0; i < EXAMPLES; i++) {
            sink.consume(scorer.candidateLogLikelihoods(prompts.get(i), options.get(i)));
        }
    }

    @Benchmark
    @OperationsPerInvocation(EXAMPLES)
    public void recomputingPrompt(Blackhole sink) {
        for (int i = 0; i < EXAMPLES; i++) {
            sink.consume(scorer.candidateLogLikelihoodsRecomputingPrompt(prompts.get(i), options.get(i)));
        }
    }

    /** A few packed sequences of text, enough for a two-step run that writes a checkpoint of the right shape. */
    private static Path pack(Path dir) {
        try (PackedDatasetWriter writer = new PackedDatasetWriter(dir, CONTEXT, TOKENIZER.vocabSize(), TOKENIZER.eosId(),
                TOKENIZER.padId(), TOKENIZER.id())) {
            for (int s = 0; s < 4; s++) {
                int[] tokens = new int[CONTEXT];
                byte[] mask = new byte[CONTEXT];
                int[] segments = new int[CONTEXT];
                int[] text = TOKENIZER.encode(("sequence " + s + " of plain text for the benchmark model. ").repeat(8));
                int used = Math.min(text.length, CONTEXT - 1);
                System.arraycopy(text, 0, tokens, 0, used);
                tokens[used] = TOKENIZER.eosId();
                for (int i = 0; i <= used; i++) {
                    mask[i] = 1;
                    segments[i] = 1;
                }
                java.util.Arrays.fill(tokens, used + 1, CONTEXT, TOKENIZER.padId());
                writer.write(new PackedSequence(tokens, mask, segments));
            }
        }
        return dir;
    }
}
