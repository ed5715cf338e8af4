package io.imlab.cookbook.ingest;

import java.util.List;
import java.util.Objects;

/**
 * One PromptSource template ({@code !Template} in a {@code templates.yaml}).
 *
 * @param id              the template's UUID
 * @param name            human-readable name, unique within the dataset
 * @param jinja           the Jinja source; {@code |||} separates the prompt from the target
 * @param answerChoices   Jinja source of the answer choices, {@code |||}-separated; null when the template has none
 * @param originalTask    whether the metadata says the template asks the dataset's original task
 * @param choicesInPrompt whether the choices appear in the prompt text
 * @param metrics         the metadata's metric names, e.g. {@code Accuracy}
 */
public record PromptSourceTemplate(
        String id,
        String name,
        String jinja,
        String answerChoices,
        boolean originalTask,
        boolean choicesInPrompt,
        List<String> metrics) {
    public PromptSourceTemplate {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(jinja, "jinja");
        metrics = metrics == null ? List.of() : List.copyOf(metrics);
    }
}
