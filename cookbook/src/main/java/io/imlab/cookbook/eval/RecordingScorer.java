package io.imlab.cookbook.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Passes every call to another scorer and keeps each request with its response, so an in-process run
 * also leaves a {@code responses.jsonl} that an external engine's answers can be compared with.
 */
public final class RecordingScorer implements LanguageModelScorer {
    private final LanguageModelScorer delegate;
    private final Map<String, EvalResponse> responses = new LinkedHashMap<>();

    public RecordingScorer(LanguageModelScorer delegate) {
        this.delegate = delegate;
    }

    @Override
    public double[] candidateLogLikelihoods(String prompt, List<String> candidates) {
        double[] values = delegate.candidateLogLikelihoods(prompt, candidates);
        EvalRequest request = EvalRequest.loglikelihood(prompt, candidates);
        responses.put(request.id(), EvalResponse.ofLogLikelihoods(request.id(), values));
        return values;
    }

    @Override
    public String generate(String prompt, int maxNewTokens) {
        String text = delegate.generate(prompt, maxNewTokens);
        EvalRequest request = EvalRequest.generation(prompt, maxNewTokens);
        responses.put(request.id(), EvalResponse.ofGeneration(request.id(), text));
        return text;
    }

    /** Every response so far, one per distinct request, in first-asked order. */
    public List<EvalResponse> responses() {
        return new ArrayList<>(responses.values());
    }

    @Override
    public void close() {
        delegate.close();
    }
}
