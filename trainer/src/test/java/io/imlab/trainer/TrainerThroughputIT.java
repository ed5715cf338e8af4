package io.imlab.trainer;

import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Measures what the quickstart depends on: training throughput of the presets at batch 16 × 256 and
 * the scorer's speed, on instruction-style byte-level tasks with 60–200-byte prompts, and the held-out
 * accuracy a tiny model reaches. Opt-in (minutes of CPU): {@code -Dimlab.trainer.benchmark=true};
 * {@code -Dimlab.trainer.benchmark.steps=N} sets the tiny run's length. Prints one JSON line per result
 * and asserts only that the model beats chance, never a time.
 */
class TrainerThroughputIT {
    private static final int LENGTH = 256;
    private static final int BATCH = 16;

    @TempDir
    static Path work;
    static Path data;
    static List<Probe> heldOut;

    /** A held-out instance: rank-classify among {@code options}, or generate when there are none. */
    record Probe(String task, String prompt, String answer, List<String> options) {
    }

    @BeforeAll
    static void generateTasks() {
        assumeTrue(Boolean.getBoolean("imlab.trainer.benchmark"), "benchmark runs only with -Dimlab.trainer.benchmark=true");
        Random random = new Random(1);
        List<ToyTasks.Example> train = new ArrayList<>();
        heldOut = new ArrayList<>();
        for (int i = 0; i < 12000; i++) {
            Probe probe = instance(random, i % 4);
            if (i < 400) {
                heldOut.add(probe);
            } else {
                train.add(new ToyTasks.Example(probe.prompt(), probe.answer()));
            }
        }
        data = ToyTasks.pack(work.resolve("data"), train, LENGTH);
    }

    private static final String[] GOOD = {"great", "lovely", "excellent", "friendly", "delicious", "superb"};
    private static final String[] BAD = {"awful", "rude", "terrible", "cold", "bland", "dreadful"};
    private static final String[] NOUNS = {"food", "staff", "room", "service", "view", "music", "coffee", "bed"};

    static Probe instance(Random random, int task) {
        switch (task) {
            case 0 -> {
                int n = 100 + random.nextInt(9900);
                return new Probe("parity", "Task: decide whether the number is even or odd.\nNumber: " + n
                        + "\nOptions: even, odd\nAnswer:", n % 2 == 0 ? " even" : " odd", List.of(" even", " odd"));
            }
            case 1 -> {
                int a = random.nextInt(1000);
                int b = random.nextInt(1000);
                while (b == a) {
                    b = random.nextInt(1000);
                }
                return new Probe("larger", "Task: which of the two numbers is larger?\nA: " + a + "\nB: " + b
                        + "\nOptions: A, B\nAnswer:", a > b ? " A" : " B", List.of(" A", " B"));
            }
            case 2 -> {
                boolean good = random.nextBoolean();
                String[] words = good ? GOOD : BAD;
                String review = "the " + NOUNS[random.nextInt(NOUNS.length)] + " was " + words[random.nextInt(words.length)]
                        + " and the " + NOUNS[random.nextInt(NOUNS.length)] + " " + (random.nextBoolean() ? "was " : "felt ")
                        + words[random.nextInt(words.length)] + ".";
                return new Probe("sentiment", "Task: is this review positive or negative?\nReview: " + review
                        + "\nOptions: positive, negative\nAnswer:", good ? " positive" : " negative",
                        List.of(" positive", " negative"));
            }
            default -> {
                char[] word = new char[4 + random.nextInt(3)];
                for (int i = 0; i < word.length; i++) {
                    word[i] = (char) ('a' + random.nextInt(26));
                }
                String text = new String(word);
                return new Probe("reverse", "Task: write the word backwards, letter by letter.\nWord: " + text
                        + "\nAnswer:", " " + new StringBuilder(text).reverse(), List.of());
            }
        }
    }

    @Test
    void tinyPresetLearnsHeldOutInstancesAndScorerSpeed() throws Exception {
        int steps = Integer.getInteger("imlab.trainer.benchmark.steps", 300);
        TrainingJob job = new TrainingJob(data, work.resolve("tiny"), new ModelSpec("tiny", 0, 0, 0, 0.1),
                new TrainingSpec(1, steps, BATCH, 2e-3, Math.min(30, steps / 5), 1.0, 0));
        TrainingSummary summary;
        try (TrainingRun run = TrainingRun.start(job)) {
            summary = run.onProgress(new JsonLinesProgress(System.out, 50)).run();
        }
        System.out.printf(Locale.ROOT, "{\"bench\":\"train\",\"preset\":\"tiny\",\"steps\":%d,\"seconds\":%.1f,"
                        + "\"steps_per_s\":%.2f,\"tokens_per_s\":%.0f,\"final_loss\":%.3f}%n",
                steps, summary.seconds(), steps / summary.seconds(), summary.tokens() / summary.seconds(),
                summary.finalLoss());

        try (DjlScorer scorer = DjlScorer.load(summary.lastCheckpoint().orElseThrow().directory(), ToyTasks.TOKENIZER)) {
            java.util.Map<String, int[]> hits = new java.util.TreeMap<>();
            for (Probe probe : heldOut) {
                int[] counts = hits.computeIfAbsent(probe.task(), t -> new int[2]);
                counts[1]++;
                if (probe.options().isEmpty()) {
                    if (scorer.generate(probe.prompt(), 12).equals(probe.answer())) {
                        counts[0]++;
                    }
                } else {
                    double[] scores = scorer.candidateLogLikelihoods(probe.prompt(), probe.options());
                    int best = 0;
                    for (int i = 1; i < scores.length; i++) {
                        best = scores[i] > scores[best] ? i : best;
                    }
                    if (probe.options().get(best).equals(probe.answer())) {
                        counts[0]++;
                    }
                }
            }
            hits.forEach((task, c) -> System.out.printf(Locale.ROOT,
                    "{\"bench\":\"accuracy\",\"task\":\"%s\",\"correct\":%d,\"of\":%d}%n", task, c[0], c[1]));
            ScorerStats stats = scorer.stats();
            System.out.printf(Locale.ROOT, "{\"bench\":\"scorer\",\"candidates\":%d,\"ms_per_candidate\":%.2f,"
                            + "\"scoring_tokens_per_s\":%.0f,\"generated_tokens\":%d,\"ms_per_generated_token\":%.2f}%n",
                    stats.candidates(), 1000 * stats.scoringSeconds() / stats.candidates(), stats.scoringTokensPerSecond(),
                    stats.generatedTokens(), 1000 * stats.generationSeconds() / Math.max(1, stats.generatedTokens()));
            for (String task : List.of("parity", "larger", "sentiment")) {
                int[] c = hits.get(task);
                if (steps >= 200) {
                    assertThat(c[0]).as("%s above chance (1/2)", task).isGreaterThan(c[1] / 2);
                }
            }
        }
    }

    @Test
    void smallPresetThroughput() {
        int steps = 20;
        TrainingJob job = new TrainingJob(data, work.resolve("small"), new ModelSpec("small", 0, 0, 0, 0.1),
                new TrainingSpec(1, steps, BATCH, 1e-3, 5, 1.0, 0));
        try (TrainingRun run = TrainingRun.start(job)) {
            run.runUntil(2); // warm the allocator and JIT before timing
            TrainingSummary summary = run.run();
            int timed = steps - 2;
            System.out.printf(Locale.ROOT, "{\"bench\":\"train\",\"preset\":\"small\",\"steps\":%d,\"seconds\":%.1f,"
                            + "\"steps_per_s\":%.2f,\"tokens_per_s\":%.0f}%n",
                    timed, summary.seconds(), timed / summary.seconds(), timed * BATCH * LENGTH / summary.seconds());
        }
    }
}
