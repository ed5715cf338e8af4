package io.imlab.cookbook.ingest;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A parsed PromptSource {@code templates.yaml}: the dataset (and subset) it prompts, and its templates.
 *
 * <p>PromptSource writes its templates with the custom tags {@code !Template} and {@code !TemplateMetadata}
 * (Python objects in the original); here both are read as plain mappings by a SnakeYAML constructor that
 * knows the two tags, so no pre-processing of the text is needed and every other tag is still rejected.
 *
 * @param file      the file read
 * @param dataset   the Hugging Face dataset name
 * @param subset    the dataset configuration, or null
 * @param templates the templates, in file order
 */
public record PromptSourceTemplates(String file, String dataset, String subset, List<PromptSourceTemplate> templates) {
    public PromptSourceTemplates {
        templates = List.copyOf(templates);
    }

    /** {@code dataset} or {@code dataset/subset}: PromptSource's own name for the prompted dataset. */
    public String datasetTag() {
        return subset == null ? dataset : dataset + "/" + subset;
    }

    /** Parses one {@code templates.yaml}; bad input raises {@link IngestException} with file, field and line. */
    public static PromptSourceTemplates read(Path file) {
        Object root;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            root = new Yaml(new PromptSourceConstructor()).load(reader);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            throw new IngestException(new IngestProblem(file.toString(), "", mark == null ? 0 : mark.getLine() + 1,
                    "invalid YAML: " + e.getProblem()), e);
        } catch (YAMLException e) {
            throw new IngestException(new IngestProblem(file.toString(), "", 0, "invalid YAML: " + e.getMessage()), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String where = file.toString();
        if (!(root instanceof Map<?, ?> top)) {
            throw new IngestException(where, "/", 0, "a templates.yaml must hold a mapping with dataset and templates");
        }
        List<IngestProblem> problems = new ArrayList<>();
        String dataset = text(top.get("dataset"));
        if (dataset == null || dataset.isBlank()) {
            problems.add(new IngestProblem(where, "dataset", 0, "missing"));
        }
        String subset = top.get("subset") == null ? null : String.valueOf(top.get("subset"));
        List<PromptSourceTemplate> templates = new ArrayList<>();
        Object templateMap = top.get("templates");
        if (!(templateMap instanceof Map<?, ?> byId)) {
            problems.add(new IngestProblem(where, "templates", 0, "expected a mapping from template id to !Template"));
        } else {
            for (Map.Entry<?, ?> entry : byId.entrySet()) {
                String field = "templates." + entry.getKey();
                if (!(entry.getValue() instanceof Map<?, ?> template)) {
                    problems.add(new IngestProblem(where, field, 0, "expected a !Template mapping"));
                    continue;
                }
                String jinja = text(template.get("jinja"));
                String name = text(template.get("name"));
                Object choices = template.get("answer_choices");
                if (jinja == null) {
                    problems.add(new IngestProblem(where, field + ".jinja", 0,
                            template.containsKey("jinja") ? "expected a string" : "missing"));
                }
                if (name == null) {
                    problems.add(new IngestProblem(where, field + ".name", 0, "missing"));
                }
                if (choices != null && !(choices instanceof String)) {
                    problems.add(new IngestProblem(where, field + ".answer_choices", 0, "expected a string or null"));
                }
                boolean originalTask = false;
                boolean choicesInPrompt = false;
                List<String> metrics = List.of();
                Object metadata = template.get("metadata");
                if (metadata != null && !(metadata instanceof Map<?, ?>)) {
                    problems.add(new IngestProblem(where, field + ".metadata", 0, "expected a !TemplateMetadata mapping"));
                } else if (metadata instanceof Map<?, ?> meta) {
                    originalTask = Boolean.TRUE.equals(meta.get("original_task"));
                    choicesInPrompt = Boolean.TRUE.equals(meta.get("choices_in_prompt"));
                    if (meta.get("metrics") instanceof List<?> list) {
                        metrics = list.stream().map(String::valueOf).toList();
                    }
                }
                if (jinja != null && name != null && (choices == null || choices instanceof String)) {
                    templates.add(new PromptSourceTemplate(String.valueOf(entry.getKey()), name, jinja, (String) choices,
                            originalTask, choicesInPrompt, metrics));
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IngestException(problems);
        }
        return new PromptSourceTemplates(where, dataset, subset, templates);
    }

    private static String text(Object value) {
        return value instanceof String s ? s : null;
    }

    /** Reads {@code !Template} and {@code !TemplateMetadata} nodes as mappings; everything else as safe YAML. */
    private static final class PromptSourceConstructor extends SafeConstructor {
        PromptSourceConstructor() {
            super(new LoaderOptions());
            AbstractConstruct asMapping = new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    if (!(node instanceof MappingNode mapping)) {
                        throw new YAMLException("tag " + node.getTag().getValue() + " must be a mapping (line "
                                + (node.getStartMark().getLine() + 1) + ")");
                    }
                    return constructMapping(mapping);
                }
            };
            yamlConstructors.put(new Tag("!Template"), asMapping);
            yamlConstructors.put(new Tag("!TemplateMetadata"), asMapping);
        }
    }
}
