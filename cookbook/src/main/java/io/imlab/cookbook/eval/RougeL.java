package io.imlab.cookbook.eval;

import java.util.List;

/**
 * Rouge-L F1 (OPT-IML §4.1; Super-NaturalInstructions' metric): the longest common subsequence (LCS) of
 * prediction and reference words, after {@link AnswerNormalizer}, scored as
 * {@code F = 2PR / (P + R)} with {@code P = LCS / |prediction|} and {@code R = LCS / |reference|}.
 * An empty prediction or reference scores 0, as in Google's {@code rouge_score}. Unlike SuperNI's
 * scorer, no Porter stemming is applied.
 */
public final class RougeL {
    private RougeL() {
    }

    /** Rouge-L F1 in [0, 1]. */
    public static double score(String prediction, String reference) {
        List<String> predicted = AnswerNormalizer.tokens(prediction);
        List<String> expected = AnswerNormalizer.tokens(reference);
        if (predicted.isEmpty() || expected.isEmpty()) {
            return 0;
        }
        int lcs = longestCommonSubsequence(predicted, expected);
        if (lcs == 0) {
            return 0;
        }
        double precision = (double) lcs / predicted.size();
        double recall = (double) lcs / expected.size();
        return 2 * precision * recall / (precision + recall);
    }

    /** The best score over several references (SuperNI's {@code metric_max_over_ground_truths}). */
    public static double bestScore(String prediction, List<String> references) {
        double best = 0;
        for (String reference : references) {
            best = Math.max(best, score(prediction, reference));
        }
        return best;
    }

    static int longestCommonSubsequence(List<String> a, List<String> b) {
        int[] previous = new int[b.size() + 1];
        int[] current = new int[b.size() + 1];
        for (String word : a) {
            for (int j = 1; j <= b.size(); j++) {
                current[j] = word.equals(b.get(j - 1))
                        ? previous[j - 1] + 1
                        : Math.max(previous[j], current[j - 1]);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.size()];
    }
}
