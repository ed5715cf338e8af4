package io.imlab.cookbook.eval;

import java.util.List;

/**
 * What evaluation needs from a model: candidate log-likelihoods for rank classification and greedy
 * generation. The DJL scorer implements it in-process; an external inference engine implements it
 * through evaluation request/response files.
 */
public interface LanguageModelScorer extends AutoCloseable {

    /**
     * Summed log-likelihood of each candidate continuation given the prompt (OPT-IML §4.1 rank
     * classification). The prompt is shared by all candidates.
     *
     * @return one value per candidate, in order
     */
    double[] candidateLogLikelihoods(String prompt, List<String> candidates);

    /** Greedy decoding from the prompt until end of document or {@code maxNewTokens}. */
    String generate(String prompt, int maxNewTokens);

    @Override
    default void close() {
    }
}
