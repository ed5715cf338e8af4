package io.imlab.cookbook.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.imlab.cookbook.task.Demonstration;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.Template;
import io.imlab.cookbook.task.TextExample;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON shapes of the bench files, built as trees with a fixed field order so that the same task
 * always serializes to the same bytes.
 */
final class BenchJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private BenchJson() {
    }

    static ObjectNode taskHeader(Task task) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("name", task.name());
        node.put("collection", task.collection());
        node.put("category", task.category());
        node.put("dataSource", task.dataSource());
        node.put("style", task.style().name());
        node.put("metric", task.metric().name());
        node.put("definition", task.definition());
        ArrayNode templates = node.putArray("templates");
        for (Template template : task.templates()) {
            templates.addObject().put("id", template.id()).put("pattern", template.pattern()).put("originalTask", template.originalTask());
        }
        demonstrations(node.putArray("positiveExamples"), task.positiveExamples());
        demonstrations(node.putArray("negativeExamples"), task.negativeExamples());
        ObjectNode metadata = node.putObject("metadata");
        new TreeMap<>(task.metadata()).forEach(metadata::put);
        node.put("instances", task.instances().size());
        return node;
    }

    static ObjectNode instance(Instance instance) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("id", instance.id());
        node.put("input", instance.input());
        ArrayNode outputs = node.putArray("outputs");
        instance.outputs().forEach(outputs::add);
        ArrayNode candidates = node.putArray("candidates");
        instance.candidates().forEach(candidates::add);
        return node;
    }

    static ObjectNode textExample(TextExample example) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("source", example.source());
        node.put("target", example.target());
        return node;
    }

    /** A task from its header line and its instance lines. */
    static Task task(JsonNode header, List<Instance> instances) {
        List<Template> templates = new ArrayList<>();
        for (JsonNode t : header.path("templates")) {
            templates.add(new Template(text(t, "id"), text(t, "pattern"), t.path("originalTask").asBoolean()));
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        header.path("metadata").properties().forEach(e -> metadata.put(e.getKey(), e.getValue().asText()));
        return new Task(text(header, "name"), text(header, "collection"), text(header, "category"), text(header, "dataSource"),
                InstructionStyle.valueOf(text(header, "style")), text(header, "definition"), templates,
                demonstrations(header.path("positiveExamples")), demonstrations(header.path("negativeExamples")),
                MetricKind.valueOf(text(header, "metric")), instances, metadata);
    }

    static Instance instance(JsonNode node) {
        return new Instance(text(node, "id"), text(node, "input"), strings(node.path("outputs")), strings(node.path("candidates")));
    }

    static TextExample textExample(JsonNode node) {
        return new TextExample(text(node, "source"), text(node, "target"));
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalStateException("missing field '" + field + "' in " + abbreviate(node.toString()));
        }
        return value.asText();
    }

    private static void demonstrations(ArrayNode array, List<Demonstration> demonstrations) {
        for (Demonstration d : demonstrations) {
            array.addObject().put("input", d.input()).put("output", d.output()).put("explanation", d.explanation());
        }
    }

    private static List<Demonstration> demonstrations(JsonNode array) {
        List<Demonstration> out = new ArrayList<>();
        for (JsonNode d : array) {
            out.add(new Demonstration(text(d, "input"), text(d, "output"), d.path("explanation").asText("")));
        }
        return out;
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 120 ? s : s.substring(0, 117) + "...";
    }
}
