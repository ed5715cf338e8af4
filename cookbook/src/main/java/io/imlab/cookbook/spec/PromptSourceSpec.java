package io.imlab.cookbook.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * One PromptSource dataset.
 *
 * @param templates        the dataset's {@code templates.yaml}
 * @param rows             the dataset's rows as JSONL (an export of the Hugging Face dataset)
 * @param originalTaskOnly keep only templates whose metadata marks them as the original task; left out, false
 *                         (boxed so that a list entry without it binds: list elements get no defaults merged in)
 */
public record PromptSourceSpec(String templates, String rows, Boolean originalTaskOnly) {
    @JsonCreator
    public PromptSourceSpec {
        originalTaskOnly = originalTaskOnly != null && originalTaskOnly;
    }
}
