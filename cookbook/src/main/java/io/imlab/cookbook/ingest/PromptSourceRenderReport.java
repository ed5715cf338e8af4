package io.imlab.cookbook.ingest;

import java.util.List;

/**
 * How rendering a PromptSource dataset went, template by template: a template that does not render for a
 * row skips that row and is counted here (OPT-IML App. A.1 drops templates that do not apply to all examples
 * from evaluation; these counts let a split do that).
 *
 * @param task      the task the rendered prompts went into
 * @param file      the templates.yaml
 * @param rows      dataset rows read
 * @param templates one entry per template used
 * @param skippedTemplates templates left out because they are not marked {@code original_task}
 */
public record PromptSourceRenderReport(String task, String file, int rows, List<TemplateCounts> templates,
        List<String> skippedTemplates) {
    public PromptSourceRenderReport {
        templates = List.copyOf(templates);
        skippedTemplates = List.copyOf(skippedTemplates);
    }

    /** Rendered (template, row) pairs over all templates. */
    public int rendered() {
        return templates.stream().mapToInt(TemplateCounts::rendered).sum();
    }

    /** Skipped (template, row) pairs over all templates. */
    public int skipped() {
        return templates.stream().mapToInt(t -> t.failed() + t.emptyTarget()).sum();
    }

    /**
     * Counts for one template.
     *
     * @param templateId   the template's id
     * @param templateName the template's name
     * @param rendered     rows rendered into an instance
     * @param failed       rows where the prompt or its answer choices did not render (an error)
     * @param emptyTarget  rows that rendered without a target (no {@code |||}, or an empty target such as an
     *                     unlabeled test row); skipped, as T0 does
     * @param firstError   the first error message, to fix the template or the rows; null when none
     */
    public record TemplateCounts(String templateId, String templateName, int rendered, int failed, int emptyTarget,
            String firstError) {
    }
}
