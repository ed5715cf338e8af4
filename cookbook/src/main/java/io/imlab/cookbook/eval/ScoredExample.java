package io.imlab.cookbook.eval;

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
 */
public record ScoredExample(
        String task, String instanceId, String prompt, String prediction, List<String> references, double score) {
    public ScoredExample {
        references = List.copyOf(references);
    }
}
