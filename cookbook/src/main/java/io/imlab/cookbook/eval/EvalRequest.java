package io.imlab.cookbook.eval;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.imlab.cookbook.hash.ContentHash;

import java.util.List;
import java.util.Objects;

/**
 * One query an evaluation asks of a model, as a line of {@code requests.jsonl} (see
 * {@code docs/evaluation.md}): either the log-likelihood of each candidate continuation of the prompt
 * (rank classification) or a greedy generation from the prompt. Any inference engine that answers these
 * lines with {@link EvalResponse}s can stand in for the in-process scorer; imlab computes every metric.
 *
 * <p>The id is a hash of the query's content, so the same query asked twice (e.g. by two shot counts)
 * is one line, and a response file can be matched to prompts without any other bookkeeping.
 *
 * @param id           content hash of kind, prompt, candidates and token limit
 * @param kind         {@value #LOGLIKELIHOOD} or {@value #GENERATE}
 * @param prompt       the full prompt text, demonstrations included, ending with the delimiter
 * @param candidates   continuations to score, each with its leading space; empty for generation
 * @param maxNewTokens generation limit; 0 for log-likelihood queries
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record EvalRequest(
        String id,
        String kind,
        String prompt,
        List<String> candidates,
        @JsonProperty("max_new_tokens") int maxNewTokens) {

    public static final String LOGLIKELIHOOD = "loglikelihood";
    public static final String GENERATE = "generate";

    public EvalRequest {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(prompt, "prompt");
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        if (!kind.equals(LOGLIKELIHOOD) && !kind.equals(GENERATE)) {
            throw new IllegalArgumentException("request kind must be " + LOGLIKELIHOOD + " or " + GENERATE + ", got " + kind);
        }
        String expected = idOf(kind, prompt, candidates, maxNewTokens);
        if (id == null) {
            id = expected;
        } else if (!id.equals(expected)) {
            throw new IllegalArgumentException("request " + id + " does not match its content (expected id " + expected + ")");
        }
    }

    /** Summed log-likelihood of each candidate given the prompt. */
    public static EvalRequest loglikelihood(String prompt, List<String> candidates) {
        return new EvalRequest(null, LOGLIKELIHOOD, prompt, candidates, 0);
    }

    /** Greedy generation from the prompt until end of document or {@code maxNewTokens}. */
    public static EvalRequest generation(String prompt, int maxNewTokens) {
        return new EvalRequest(null, GENERATE, prompt, List.of(), maxNewTokens);
    }

    public boolean isGeneration() {
        return kind.equals(GENERATE);
    }

    private static String idOf(String kind, String prompt, List<String> candidates, int maxNewTokens) {
        return ContentHash.of(kind, prompt, candidates, maxNewTokens).substring(0, 24);
    }
}
