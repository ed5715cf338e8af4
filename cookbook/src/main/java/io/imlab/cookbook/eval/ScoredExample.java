package io.imlab.cookbook.eval;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * One scored query, for reports that show what the model did.
 *
 * @param task       task name
 * @param instanceId instance id
 * @param prompt     the prompt the model saw
 * @param prediction the chosen candidate (rank classification) or the generated text
 * @param references the reference outputs
 * @param score      the instance's score in [0, 1]
 * @param probe      for closed-label instances that were probed: the model's greedy answer, whose format
 *                   (a candidate or not) the compliance diagnostic checks; null otherwise
 * @param compliant  whether the free answer (generation or probe) has the expected {@link OutputFormat};
 *                   null when no free answer was produced
 * @param verbosity  answer words over reference words for the free answer; null when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScoredExample(
        String task, String instanceId, String prompt, String prediction, List<String> references, double score,
        String probe, Boolean compliant, Double verbosity) {
    public ScoredExample {
        references = List.copyOf(references);
    }
}
