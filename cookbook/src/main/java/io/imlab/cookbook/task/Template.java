package io.imlab.cookbook.task;

import java.util.Objects;

/**
 * An instance-level prompt template. {@code {input}} in the pattern is replaced by the instance input.
 *
 * @param id           template name, unique within the task
 * @param pattern      the prompt text with an {@code {input}} placeholder
 * @param originalTask whether the template asks the task's original question (PromptSource metadata)
 */
public record Template(String id, String pattern, boolean originalTask) {
    public static final String INPUT_PLACEHOLDER = "{input}";

    public Template {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(pattern, "pattern");
        if (!pattern.contains(INPUT_PLACEHOLDER)) {
            throw new IllegalArgumentException("template " + id + ": pattern has no " + INPUT_PLACEHOLDER);
        }
    }

    public String apply(String input) {
        return pattern.replace(INPUT_PLACEHOLDER, input);
    }
}
