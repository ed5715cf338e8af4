package io.imlab.cookbook.eval;

import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A {@link LanguageModelScorer} that answers from a responses file written by an external inference
 * engine: each call is turned into its {@link EvalRequest}, whose content-derived id finds the response.
 * Evaluation then runs exactly as with the in-process scorer, and imlab computes every metric.
 */
public final class RequestFileScorer implements LanguageModelScorer {
    private final Map<String, EvalResponse> responses;

    public RequestFileScorer(Map<String, EvalResponse> responses) {
        this.responses = Map.copyOf(responses);
    }

    public static RequestFileScorer read(Path responsesFile) {
        return new RequestFileScorer(EvalRequestFiles.readResponses(responsesFile));
    }

    /** The requests that have no response, in order. */
    public List<EvalRequest> missing(Collection<EvalRequest> requests) {
        return requests.stream().filter(r -> !responses.containsKey(r.id())).toList();
    }

    @Override
    public double[] candidateLogLikelihoods(String prompt, List<String> candidates) {
        EvalRequest request = EvalRequest.loglikelihood(prompt, candidates);
        return response(request).logLikelihoodsFor(request);
    }

    @Override
    public String generate(String prompt, int maxNewTokens) {
        EvalRequest request = EvalRequest.generation(prompt, maxNewTokens);
        return response(request).generationFor(request);
    }

    private EvalResponse response(EvalRequest request) {
        EvalResponse response = responses.get(request.id());
        if (response == null) {
            throw new IllegalStateException("no response for request " + request.id() + " (" + request.kind()
                    + ", prompt of " + request.prompt().length() + " characters)");
        }
        return response;
    }
}
