package io.imlab.cookbook.ingest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.Template;
import io.imlab.cookbook.taxonomy.CategoryResolver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders a PromptSource dataset into one INSTANCE_LEVEL {@link Task}: every row of the dataset (a JSONL
 * export of the Hugging Face split) through every template of its {@code templates.yaml}.
 *
 * <p><b>One instance per rendered (template, row) pair.</b> The task model's {@link Template} wraps an
 * already-formatted input, while PromptSource's Jinja templates compute the whole prompt and target from the
 * row. So each pair is rendered here: the instance input is the rendered prompt, its output the rendered
 * target, its candidates the rendered {@code answer_choices}; the instance id is
 * {@code <row id>#<template id>} (see {@link #instanceId}); the task carries one identity {@link Template}
 * ({@code "{input}"}) per PromptSource template, under the same id, carrying its {@code original_task} flag;
 * and the metadata entry {@link #RENDERED_METADATA} marks the task. A mixture that must take N prompts for a
 * task of N rows (OPT-IML §4.1: "merged all prompt data for a task with N examples and randomly take N
 * prompts from the pool") samples N instances from all of them, or groups by the row part of the id.
 *
 * <p>Rendering follows PromptSource's {@code Template.apply}: {@code |||} inside row values is protected,
 * {@code answer_choices} is rendered first and bound as a list, the output is split on {@code |||} and each
 * part stripped. A (template, row) pair whose prompt or choices do not render is skipped and counted; so is
 * one without a target. Counts come back in a {@link PromptSourceRenderReport}.
 *
 * <p>Metric: accuracy when every instance has candidates that contain its target, else Rouge-L.
 */
public final class PromptSourceReader {
    /** Task metadata key marking tasks whose instances are rendered (template, row) pairs. */
    public static final String RENDERED_METADATA = "promptsource.renderedPairs";
    /** Separator between a row id and a template id in instance ids. */
    public static final String ID_SEPARATOR = "#";

    private static final String PIPE = "|||";
    // Stand-in for "|||" inside row values while rendering, as PromptSource's _escape_pipe does.
    private static final String PIPE_PROTECTED = "\u0000PIPE\u0000";
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {
    };

    private final CategoryResolver categories;
    private final PromptSourceJinja jinja;
    private final boolean originalTaskOnly;

    /**
     * @param categories       taxonomy resolver (dataset tags go through the promptsource map)
     * @param originalTaskOnly keep only templates whose metadata says {@code original_task: true}
     */
    public PromptSourceReader(CategoryResolver categories, boolean originalTaskOnly) {
        this.categories = categories;
        this.jinja = new PromptSourceJinja();
        this.originalTaskOnly = originalTaskOnly;
    }

    /** The id of the instance rendered from {@code rowId} with template {@code templateId}. */
    public static String instanceId(String rowId, String templateId) {
        return rowId + ID_SEPARATOR + templateId;
    }

    /** The row part of a rendered instance's id. */
    public static String rowIdOf(String instanceId) {
        int at = instanceId.lastIndexOf(ID_SEPARATOR);
        return at < 0 ? instanceId : instanceId.substring(0, at);
    }

    /**
     * A rendered task and its render counts.
     *
     * @param task   the task, one instance per rendered (template, row) pair
     * @param report per-template counts of rendered and skipped rows
     */
    public record Result(Task task, PromptSourceRenderReport report) {
    }

    /**
     * Reads one dataset.
     *
     * @param templatesYaml the dataset's {@code templates.yaml}
     * @param rowsJsonl     the dataset rows, one JSON object per line; a row's id is its {@code id} or
     *                      {@code idx} field, else {@code line-N}
     */
    public Result read(Path templatesYaml, Path rowsJsonl) {
        PromptSourceTemplates parsed = PromptSourceTemplates.read(templatesYaml);
        List<PromptSourceTemplate> templates = new ArrayList<>();
        List<String> skippedTemplates = new ArrayList<>();
        List<IngestProblem> syntaxProblems = new ArrayList<>();
        for (PromptSourceTemplate template : parsed.templates()) {
            if (originalTaskOnly && !template.originalTask()) {
                skippedTemplates.add(template.name());
                continue;
            }
            String field = "templates." + template.id();
            jinja.syntaxError(template.jinja()).ifPresent(error ->
                    syntaxProblems.add(new IngestProblem(parsed.file(), field + ".jinja", 0, "template does not parse: " + error)));
            if (template.answerChoices() != null) {
                jinja.syntaxError(template.answerChoices()).ifPresent(error ->
                        syntaxProblems.add(new IngestProblem(parsed.file(), field + ".answer_choices", 0,
                                "answer choices do not parse: " + error)));
            }
            templates.add(template);
        }
        if (!syntaxProblems.isEmpty()) {
            throw new IngestException(syntaxProblems);
        }
        if (templates.isEmpty()) {
            throw new IngestException(parsed.file(), "templates", 0, originalTaskOnly
                    ? "no template is marked original_task: true" : "no templates");
        }
        String taskName = Collections.PROMPTSOURCE + "_" + parsed.datasetTag().replace('/', '_');
        List<String> tags = parsed.subset() == null ? List.of(parsed.dataset()) : List.of(parsed.datasetTag(), parsed.dataset());
        String category = categories.resolveFirst(Collections.PROMPTSOURCE, tags, parsed.file(), "dataset");

        int[] rendered = new int[templates.size()];
        int[] failed = new int[templates.size()];
        int[] emptyTarget = new int[templates.size()];
        String[] firstError = new String[templates.size()];
        List<Instance> instances = new ArrayList<>();
        int[] rows = {0};
        boolean[] allScorable = {true};
        JsonLines.forEach(rowsJsonl, (line, node) -> {
            rows[0]++;
            Map<String, Object> row = protectPipes(JsonLines.MAPPER.convertValue(node, ROW));
            String rowId = rowId(node, line);
            for (int t = 0; t < templates.size(); t++) {
                PromptSourceTemplate template = templates.get(t);
                long seed = (rowId + ID_SEPARATOR + template.id()).hashCode();
                Map<String, Object> variables = row;
                List<String> choices = List.of();
                if (template.answerChoices() != null) {
                    PromptSourceJinja.Rendered renderedChoices = jinja.render(template.answerChoices(), row, seed);
                    if (!renderedChoices.ok()) {
                        failed[t]++;
                        firstError[t] = firstError[t] != null ? firstError[t]
                                : rowsJsonl + ":" + line + ": answer_choices: " + renderedChoices.error();
                        continue;
                    }
                    choices = splitOnPipes(renderedChoices.output());
                    variables = new LinkedHashMap<>(row);
                    variables.put("answer_choices", choices);
                }
                PromptSourceJinja.Rendered prompt = jinja.render(template.jinja(), variables, seed);
                if (!prompt.ok()) {
                    failed[t]++;
                    firstError[t] = firstError[t] != null ? firstError[t] : rowsJsonl + ":" + line + ": jinja: " + prompt.error();
                    continue;
                }
                List<String> parts = splitOnPipes(prompt.output());
                if (parts.size() < 2 || parts.get(0).isEmpty() || parts.get(1).isEmpty()) {
                    emptyTarget[t]++;
                    continue;
                }
                String target = parts.get(1);
                List<String> candidates = choices.stream().map(PromptSourceReader::unprotect).toList();
                if (candidates.isEmpty() || !candidates.contains(unprotect(target))) {
                    allScorable[0] = false;
                }
                instances.add(new Instance(instanceId(rowId, template.id()), unprotect(parts.get(0)),
                        List.of(unprotect(target)), candidates));
                rendered[t]++;
            }
        });

        List<Template> taskTemplates = new ArrayList<>();
        List<PromptSourceRenderReport.TemplateCounts> counts = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(RENDERED_METADATA, "true");
        metadata.put("promptsource.dataset", parsed.datasetTag());
        metadata.put("promptsource.originalTaskOnly", String.valueOf(originalTaskOnly));
        for (int t = 0; t < templates.size(); t++) {
            PromptSourceTemplate template = templates.get(t);
            taskTemplates.add(new Template(template.id(), Template.INPUT_PLACEHOLDER, template.originalTask()));
            metadata.put("template." + template.id(), template.name());
            counts.add(new PromptSourceRenderReport.TemplateCounts(template.id(), template.name(), rendered[t], failed[t],
                    emptyTarget[t], firstError[t]));
        }
        MetricKind metric = allScorable[0] && !instances.isEmpty() ? MetricKind.ACCURACY : MetricKind.ROUGE_L;
        Task task = new Task(taskName, Collections.PROMPTSOURCE, category, dataSource(parsed), InstructionStyle.INSTANCE_LEVEL,
                "", taskTemplates, List.of(), List.of(), metric, instances, metadata);
        return new Result(task, new PromptSourceRenderReport(taskName, parsed.file(), rows[0], counts, skippedTemplates));
    }

    /**
     * The data source: the dataset, or dataset/subset where the subset is a dataset of its own
     * ({@code super_glue/rte}); version subsets ({@code cnn_dailymail/3.0.0}, {@code story_cloze/2016}) are
     * the dataset itself.
     */
    static String dataSource(PromptSourceTemplates parsed) {
        String subset = parsed.subset();
        return subset == null || Character.isDigit(subset.charAt(0)) ? parsed.dataset() : parsed.dataset() + "/" + subset;
    }

    private static String rowId(JsonNode row, int line) {
        for (String field : List.of("id", "idx")) {
            JsonNode id = row.get(field);
            if (id != null && (id.isTextual() || id.isNumber())) {
                return id.asText();
            }
        }
        return "line-" + line;
    }

    private static List<String> splitOnPipes(String text) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int at = text.indexOf(PIPE); at >= 0; at = text.indexOf(PIPE, from)) {
            parts.add(text.substring(from, at).strip());
            from = at + PIPE.length();
        }
        parts.add(text.substring(from).strip());
        return parts;
    }

    @SuppressWarnings("unchecked")
    private static <T> T protectPipes(T value) {
        if (value instanceof String s) {
            return (T) s.replace(PIPE, PIPE_PROTECTED);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), protectPipes(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(PromptSourceReader::protectPipes).toList();
        }
        return value;
    }

    private static String unprotect(String text) {
        return text.replace(PIPE_PROTECTED, PIPE);
    }

    /** Whether {@code task} holds rendered (template, row) pairs from this reader. */
    public static boolean isRendered(Task task) {
        return Optional.ofNullable(task.metadata().get(RENDERED_METADATA)).map(Boolean::parseBoolean).orElse(false);
    }
}
