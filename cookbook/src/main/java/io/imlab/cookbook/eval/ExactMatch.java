package io.imlab.cookbook.eval;

import java.util.List;

/** Exact match after {@link AnswerNormalizer} (Super-NaturalInstructions' {@code exact_match_score}). */
public final class ExactMatch {
    private ExactMatch() {
    }

    /** 1 when prediction and reference are equal after normalization, else 0. */
    public static double score(String prediction, String reference) {
        return AnswerNormalizer.normalize(prediction).equals(AnswerNormalizer.normalize(reference)) ? 1 : 0;
    }

    /** 1 when the prediction matches any reference. */
    public static double bestScore(String prediction, List<String> references) {
        double best = 0;
        for (String reference : references) {
            best = Math.max(best, score(prediction, reference));
        }
        return best;
    }
}
