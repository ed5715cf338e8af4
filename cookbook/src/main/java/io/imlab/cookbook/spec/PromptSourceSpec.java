package io.imlab.cookbook.spec;

/**
 * One PromptSource dataset.
 *
 * @param templates        the dataset's {@code templates.yaml}
 * @param rows             the dataset's rows as JSONL (an export of the Hugging Face dataset)
 * @param originalTaskOnly keep only templates whose metadata marks them as the original task
 */
public record PromptSourceSpec(String templates, String rows, boolean originalTaskOnly) {
}
