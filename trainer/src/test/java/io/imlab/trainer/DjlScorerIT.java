package io.imlab.trainer;

import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;
import io.imlab.cookbook.tokenize.Tokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class DjlScorerIT {
    private static final int CONTEXT = 32;

    @TempDir
    static Path work;
    static Checkpoint trained;
    static DjlScorer scorer;

    @BeforeAll
    static void trainUpperCaseMapping() {
        Path data = ToyTasks.pack(work.resolve("data"), ToyTasks.upperCase(40, 11), CONTEXT);
        TrainingJob job = new TrainingJob(data, work.resolve("checkpoints"), new ModelSpec("tiny", 0, 0, 0, 0.0),
                new TrainingSpec(11, 120, 16, 3e-3, 10, 1.0, 0));
        try (TrainingRun run = TrainingRun.start(job)) {
            trained = run.run().lastCheckpoint().orElseThrow();
        }
        try {
            scorer = DjlScorer.load(trained.directory(), ToyTasks.TOKENIZER);
        } catch (CheckpointException e) {
            throw new AssertionError(e);
        }
    }

    @AfterAll
    static void release() {
        scorer.close();
    }

    @Test
    void theCorrectCandidateRanksFirstAfterTraining() {
        int correct = 0;
        for (char c = 'a'; c <= 'z'; c++) {
            String answer = String.valueOf(Character.toUpperCase(c));
            List<String> candidates = List.of(
                    String.valueOf((char) ('A' + (c - 'a' + 3) % 26)), answer,
                    String.valueOf((char) ('A' + (c - 'a' + 11) % 26)), String.valueOf((char) ('A' + (c - 'a' + 19) % 26)));
            double[] scores = scorer.candidateLogLikelihoods("up " + c + ":", candidates);
            assertThat(scores).hasSize(4);
            assertThat(java.util.Arrays.stream(scores).max().orElseThrow()).isLessThanOrEqualTo(0.0);
            if (scores[1] > Math.max(scores[0], Math.max(scores[2], scores[3]))) {
                correct++;
            }
        }
        // Chance is 1 in 4.
        assertThat(correct).isGreaterThanOrEqualTo(22);
    }

    @Test
    void greedyGenerationStopsAtEndOfDocument() {
        int exact = 0;
        for (char c = 'a'; c <= 'z'; c++) {
            String generated = scorer.generate("up " + c + ":", 8);
            assertThat(generated.length()).isLessThanOrEqualTo(8);
            if (generated.equals(String.valueOf(Character.toUpperCase(c)))) {
                exact++;
            }
        }
        assertThat(exact).isGreaterThanOrEqualTo(20);
        assertThat(scorer.generate("up q:", 0)).isEmpty();
        assertThat(scorer.stats().generatedTokens()).isPositive();
    }

    @Test
    void multiTokenCandidatesSumTheirTokensAndLongInputsKeepTheirEnd() {
        double[] single = scorer.candidateLogLikelihoods("up b:", List.of("B"));
        double[] pair = scorer.candidateLogLikelihoods("up b:", List.of("BB", ""));
        assertThat(pair[0]).isLessThan(single[0]);
        assertThat(pair[1]).isZero();

        // Left truncation: only the last CONTEXT tokens of prompt + candidate are read.
        String tail = "x".repeat(CONTEXT - 6) + "up b:";
        String longPrompt = "padding that falls off the left edge " + tail;
        double[] truncated = scorer.candidateLogLikelihoods(longPrompt, List.of("B"));
        double[] exact = scorer.candidateLogLikelihoods(tail, List.of("B"));
        assertThat(truncated[0]).isCloseTo(exact[0], within(1e-4));
        assertThat(scorer.generate(longPrompt, 3)).hasSizeLessThanOrEqualTo(3);
    }

    @Test
    void sharedPromptScoringAgreesWithRecomputingThePromptPerCandidate() {
        java.util.Random random = new java.util.Random(5);
        int compared = 0;
        for (int i = 0; i < 40; i++) {
            char c = (char) ('a' + random.nextInt(26));
            // Prompts from a few tokens to longer than the context (then truncated), 2 to 6 candidates of
            // 0 to 4 tokens, some sharing prefixes with each other.
            String prompt = "x".repeat(random.nextInt(3 * CONTEXT / 2)) + "up " + c + ":";
            int count = 2 + random.nextInt(5);
            List<String> candidates = new java.util.ArrayList<>();
            for (int k = 0; k < count; k++) {
                StringBuilder candidate = new StringBuilder();
                int length = random.nextInt(5);
                for (int t = 0; t < length; t++) {
                    candidate.append((char) ('A' + random.nextInt(26)));
                }
                candidates.add(candidate.toString());
            }
            double[] shared = scorer.candidateLogLikelihoods(prompt, candidates);
            double[] naive = scorer.candidateLogLikelihoodsRecomputingPrompt(prompt, candidates);
            assertThat(shared).hasSize(count);
            for (int k = 0; k < count; k++) {
                assertThat(shared[k]).as("prompt %s, candidate %s", prompt, candidates.get(k)).isCloseTo(naive[k], within(1e-4));
            }
            compared += count;
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void cachedGenerationAgreesWithRereadingTheWindow() {
        for (char c = 'a'; c <= 'z'; c += 5) {
            assertThat(scorer.generate("up " + c + ":", 6)).isEqualTo(scorer.generateWithoutCache("up " + c + ":", 6));
        }
        // Past the context the window slides: both re-read the last CONTEXT tokens from position 0.
        String longPrompt = "rev " + "q".repeat(CONTEXT - 10) + "up h:";
        assertThat(scorer.generate(longPrompt, CONTEXT)).isEqualTo(scorer.generateWithoutCache(longPrompt, CONTEXT));
        assertThat(scorer.generate("", 5)).isEqualTo(scorer.generateWithoutCache("", 5));
    }

    @Test
    void theUntrainedModelIsTheRunsStepZeroModel() throws CheckpointException {
        try (DjlScorer base = DjlScorer.untrained(trained.directory(), ToyTasks.TOKENIZER);
             DjlScorer again = DjlScorer.untrained(trained.directory(), ToyTasks.TOKENIZER)) {
            List<String> candidates = List.of("A", "B", "C", "D");
            double[] first = base.candidateLogLikelihoods("up b:", candidates);
            assertThat(again.candidateLogLikelihoods("up b:", candidates)).containsExactly(first);
            // Untrained: near-uniform over the 260-entry vocabulary (ln 260 = 5.56), unlike the trained model.
            for (double value : first) {
                assertThat(value).isCloseTo(-Math.log(260), within(0.5));
            }
            assertThat(scorer.candidateLogLikelihoods("up b:", candidates)[1]).isGreaterThan(-1.0);
        }
    }

    @Test
    void aScorerRefusesAnotherTokenizer() {
        Tokenizer other = new Tokenizer() {
            public String id() {
                return "other-v1";
            }

            public int vocabSize() {
                return 260;
            }

            public int eosId() {
                return 2;
            }

            public int padId() {
                return 1;
            }

            public int[] encode(String text) {
                return new int[0];
            }

            public String decode(int[] ids) {
                return "";
            }
        };
        assertThatThrownBy(() -> DjlScorer.load(trained.directory(), other))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("byte-v1");
    }
}
