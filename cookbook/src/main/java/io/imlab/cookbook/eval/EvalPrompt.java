package io.imlab.cookbook.eval;

import java.util.List;

/**
 * One evaluation query, ready for a {@link LanguageModelScorer} or an external engine's request file.
 *
 * @param task       task name
 * @param instanceId the scored instance
 * @param prompt     the formatted source, demonstrations included, ending with the delimiter
 * @param references reference outputs, as the task gives them
 * @param candidates candidate continuations for rank classification, each with the leading space that
 *                   training targets carry; empty for generation tasks
 * @param shots      demonstrations actually in the prompt (fewer than asked when the task has too few)
 */
public record EvalPrompt(
        String task, String instanceId, String prompt, List<String> references, List<String> candidates, int shots) {
    public EvalPrompt {
        references = List.copyOf(references);
        candidates = List.copyOf(candidates);
    }
}
