package io.imlab.cookbook.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Rouge-L F1 (OPT-IML §4.1) as Super-NaturalInstructions computes it: Google's {@code rouge_score} with
 * {@code use_stemmer=True} ({@code eval/automatic/evaluation.py}). Text is tokenized like
 * {@code rouge_score}'s default tokenizer: lower-cased, every run of characters other than {@code a-z0-9}
 * becomes a space, and tokens longer than three characters are Porter-stemmed ({@link PorterStemmer}).
 * The score is {@code F = 2PR / (P + R)} with {@code P = LCS / |prediction|} and
 * {@code R = LCS / |reference|} over the longest common subsequence of tokens; an empty prediction or
 * reference scores 0.
 */
public final class RougeL {
    private static final Pattern NON_ALPHANUMERIC = Pattern.compile("[^a-z0-9]+");

    private RougeL() {
    }

    /** Rouge-L F1 in [0, 1]. */
    public static double score(String prediction, String reference) {
        List<String> predicted = tokens(prediction);
        List<String> expected = tokens(reference);
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

    /** {@code rouge_score}'s tokens: lower case, split on anything but a-z0-9, words over 3 letters stemmed. */
    public static List<String> tokens(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        List<String> tokens = new ArrayList<>();
        for (String token : NON_ALPHANUMERIC.split(lower)) {
            if (!token.isEmpty()) {
                tokens.add(token.length() > 3 ? PorterStemmer.stem(token) : token);
            }
        }
        return tokens;
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
