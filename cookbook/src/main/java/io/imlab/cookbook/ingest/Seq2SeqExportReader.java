package io.imlab.cookbook.ingest;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Reads tasks exported in metaseq's seq2seq layout (FLAN, CrossFit, ExMix, T5, UnifiedSKG): a JSONL file of
 * {@code {"src": ..., "tgt": ..., "candidates": [...]}} lines ({@code tgt} a string or a list of references,
 * {@code candidates} optional) plus a {@link Seq2SeqTaskDescriptor}.
 *
 * <p>FLAN's {@code src} is already an instance-level prompt, so FLAN tasks are INSTANCE_LEVEL with one identity
 * template; the keyword collections become KEYWORD tasks whose definition is the descriptor's one instruction
 * sentence (OPT-IML §2.2: "we hand-wrote one simple instruction sentence per task").
 */
public final class Seq2SeqExportReader {
    /** Id of the identity template given to FLAN exports, whose inputs are already prompts. */
    public static final String RENDERED_TEMPLATE_ID = "rendered";

    private final CategoryResolver categories;

    public Seq2SeqExportReader(CategoryResolver categories) {
        this.categories = categories;
    }

    /** Reads the task a descriptor describes. */
    public Task read(Path descriptorYaml) {
        Seq2SeqTaskDescriptor descriptor = Seq2SeqTaskDescriptor.read(descriptorYaml);
        String category = categories.resolve(descriptor.collection(), descriptor.category(), descriptor.file().toString(), "category");
        Path data = descriptor.data();
        List<Instance> instances = new ArrayList<>();
        boolean[] allHaveCandidates = {true};
        JsonLines.forEach(data, (line, node) -> {
            String src = JsonLines.requiredString(data, line, node, "src");
            List<String> targets = references(data, line, node.get("tgt"));
            List<String> candidates = List.of();
            JsonNode candidatesNode = node.get("candidates");
            if (candidatesNode != null && !candidatesNode.isNull()) {
                candidates = stringArray(data, line, "candidates", candidatesNode);
            }
            if (candidates.isEmpty() || !candidates.contains(targets.get(0))) {
                allHaveCandidates[0] = false;
            }
            JsonNode id = node.get("id");
            String instanceId = id != null && (id.isTextual() || id.isNumber()) ? id.asText() : "line-" + line;
            instances.add(new Instance(instanceId, src, targets, candidates));
        });
        MetricKind metric = descriptor.metric() != null ? descriptor.metric()
                : allHaveCandidates[0] && !instances.isEmpty() ? MetricKind.ACCURACY : MetricKind.ROUGE_L;
        boolean keyword = Seq2SeqTaskDescriptor.KEYWORD_COLLECTIONS.contains(descriptor.collection());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("categoryTag", descriptor.category());
        metadata.put("export", data.getFileName().toString());
        return new Task(descriptor.name(), descriptor.collection(), category, descriptor.dataSource(),
                keyword ? InstructionStyle.KEYWORD : InstructionStyle.INSTANCE_LEVEL,
                keyword ? descriptor.instruction() : "",
                keyword ? List.of() : List.of(new Template(RENDERED_TEMPLATE_ID, Template.INPUT_PLACEHOLDER, true)),
                List.of(), List.of(), metric, instances, metadata);
    }

    private static List<String> references(Path file, int line, JsonNode tgt) {
        if (tgt == null || tgt.isNull()) {
            throw new IngestException(file.toString(), "tgt", line, "missing");
        }
        if (tgt.isTextual()) {
            return List.of(tgt.textValue());
        }
        List<String> references = stringArray(file, line, "tgt", tgt);
        if (references.isEmpty()) {
            throw new IngestException(file.toString(), "tgt", line, "needs at least one reference");
        }
        return references;
    }

    private static List<String> stringArray(Path file, int line, String field, JsonNode node) {
        if (!node.isArray()) {
            throw new IngestException(file.toString(), field, line, "expected a list of strings, found "
                    + node.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
        }
        List<String> values = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            if (!node.get(i).isTextual()) {
                throw new IngestException(file.toString(), field + "[" + i + "]", line, "expected a string");
            }
            values.add(node.get(i).textValue());
        }
        return values;
    }
}
