package io.imlab.cookbook.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Objects;

/**
 * A model's answer to one {@link EvalRequest}, as a line of {@code responses.jsonl}.
 *
 * @param id             the request's id
 * @param logLikelihoods for a log-likelihood request: the summed natural-log probability of each
 *                       candidate's tokens given the prompt, in the request's order
 * @param generation     for a generation request: the generated text, without the end-of-document token
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EvalResponse(
        String id,
        @JsonProperty("log_likelihoods") List<Double> logLikelihoods,
        String generation) {

    public EvalResponse {
        Objects.requireNonNull(id, "id");
        logLikelihoods = logLikelihoods == null ? null : List.copyOf(logLikelihoods);
    }

    public static EvalResponse ofLogLikelihoods(String id, double[] values) {
        return new EvalResponse(id, java.util.Arrays.stream(values).boxed().toList(), null);
    }

    public static EvalResponse ofGeneration(String id, String text) {
        return new EvalResponse(id, null, text);
    }

    /** The log-likelihoods as an array, checked against the request. */
    public double[] logLikelihoodsFor(EvalRequest request) {
        if (logLikelihoods == null || logLikelihoods.size() != request.candidates().size()) {
            throw new IllegalStateException("response " + id + " has " + (logLikelihoods == null ? "no" : logLikelihoods.size())
                    + " log-likelihoods for " + request.candidates().size() + " candidates");
        }
        return logLikelihoods.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The generation, checked to be present. */
    public String generationFor(EvalRequest request) {
        if (generation == null) {
            throw new IllegalStateException("response " + id + " has no generation for generation request " + request.id());
        }
        return generation;
    }
}
