package io.imlab.cookbook.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.MetricKind;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The small YAML file that describes one exported seq2seq task (FLAN, CrossFit, ExMix, T5, UnifiedSKG):
 *
 * <pre>
 * collection: crossfit                    # flan, crossfit, exmix, t5 or unifiedskg
 * name: crossfit_glue_mnli                # optional; default: collection_descriptor-file-stem
 * category: classification/natural language inference   # the collection's own tag (see category-map.yaml)
 * dataSource: glue/mnli                   # the underlying dataset: the unit of leakage control
 * instruction: Does the premise entail the hypothesis?  # required for keyword collections
 * data: glue_mnli.jsonl                   # metaseq src/tgt(/candidates) JSONL, relative to this file
 * metric: accuracy                        # optional: accuracy, rouge_l or exact_match
 * </pre>
 *
 * @param file        the descriptor file
 * @param collection  collection id
 * @param name        task name
 * @param category    the collection's own category tag
 * @param dataSource  the underlying dataset
 * @param instruction the one hand-written instruction sentence (OPT-IML §2.2, keyword collections); may be empty
 * @param data        the JSONL file
 * @param metric      the metric, or null to infer it from the rows
 */
public record Seq2SeqTaskDescriptor(Path file, String collection, String name, String category, String dataSource,
        String instruction, Path data, MetricKind metric) {

    /** Collections exported in metaseq's layout. */
    public static final Set<String> COLLECTIONS = Set.of(Collections.FLAN, Collections.CROSSFIT, Collections.EXMIX,
            Collections.T5, Collections.UNIFIED_SKG);
    /** Collections without natural-language instructions upstream: they need the one instruction sentence. */
    public static final Set<String> KEYWORD_COLLECTIONS = Set.of(Collections.CROSSFIT, Collections.EXMIX,
            Collections.T5, Collections.UNIFIED_SKG);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    /** Reads and validates a descriptor, reporting every problem at once. */
    public static Seq2SeqTaskDescriptor read(Path file) {
        JsonNode root;
        try {
            root = YAML.readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IngestException(new IngestProblem(file.toString(), "", e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                    "invalid YAML: " + e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
        String where = file.toString();
        if (root == null || !root.isObject()) {
            throw new IngestException(where, "/", 0, "a task descriptor must be a YAML mapping");
        }
        List<IngestProblem> problems = new ArrayList<>();
        String collection = text(root, "collection", where, problems, true);
        String category = text(root, "category", where, problems, true);
        String dataSource = text(root, "dataSource", where, problems, true);
        String data = text(root, "data", where, problems, true);
        String name = text(root, "name", where, problems, false);
        String instruction = text(root, "instruction", where, problems, false);
        String metricName = text(root, "metric", where, problems, false);
        if (collection != null && !COLLECTIONS.contains(collection)) {
            problems.add(new IngestProblem(where, "collection", 0, "'" + collection + "' is not one of " + COLLECTIONS.stream().sorted().toList()));
        }
        if (collection != null && KEYWORD_COLLECTIONS.contains(collection) && (instruction == null || instruction.isBlank())) {
            problems.add(new IngestProblem(where, "instruction", 0,
                    collection + " has no natural-language instructions upstream: give the one instruction sentence (OPT-IML §2.2)"));
        }
        MetricKind metric = null;
        if (metricName != null) {
            try {
                metric = MetricKind.valueOf(metricName.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                problems.add(new IngestProblem(where, "metric", 0, "'" + metricName + "' is not one of accuracy, rouge_l, exact_match"));
            }
        }
        if (!problems.isEmpty()) {
            throw new IngestException(problems);
        }
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        Path dataPath = file.toAbsolutePath().getParent().resolve(data);
        return new Seq2SeqTaskDescriptor(file, collection, name != null ? name : collection + "_" + stem, category, dataSource,
                instruction == null ? "" : instruction.strip(), dataPath, metric);
    }

    private static String text(JsonNode root, String field, String where, List<IngestProblem> problems, boolean required) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new IngestProblem(where, field, 0, "missing"));
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new IngestProblem(where, field, 0, "expected a string, found " + value.getNodeType().name().toLowerCase(Locale.ROOT)));
            return null;
        }
        return value.textValue();
    }
}
