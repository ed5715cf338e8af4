package io.imlab.cookbook.eval;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rank classification (OPT-IML §4.1): the prediction is the candidate with the highest log-likelihood;
 * accuracy counts predictions equal to a reference.
 */
public final class RankClassification {
    private RankClassification() {
    }

    /** Index of the highest value; the first one on ties. */
    public static int argmax(double[] logLikelihoods) {
        if (logLikelihoods.length == 0) {
            throw new IllegalArgumentException("no candidates to rank");
        }
        int best = 0;
        for (int i = 1; i < logLikelihoods.length; i++) {
            if (logLikelihoods[i] > logLikelihoods[best]) {
                best = i;
            }
        }
        return best;
    }

    /**
     * Log-likelihood per UTF-8 byte of each candidate (as scored, leading space included): the
     * length-normalized ranking option. Bytes rather than tokens keep the ranking independent of the
     * engine's tokenizer, so an external engine's responses rank the same way.
     */
    public static double[] perByte(double[] logLikelihoods, List<String> candidates) {
        double[] normalized = new double[logLikelihoods.length];
        for (int i = 0; i < logLikelihoods.length; i++) {
            normalized[i] = logLikelihoods[i] / Math.max(1, candidates.get(i).getBytes(StandardCharsets.UTF_8).length);
        }
        return normalized;
    }

    /** 1 when the chosen candidate is one of the references (ignoring surrounding whitespace), else 0. */
    public static double score(String chosen, List<String> references) {
        for (String reference : references) {
            if (reference.strip().equals(chosen.strip())) {
                return 1;
            }
        }
        return 0;
    }

    /** Fraction of correct predictions. */
    public static double accuracy(long correct, long total) {
        return total == 0 ? 0 : (double) correct / total;
    }
}
