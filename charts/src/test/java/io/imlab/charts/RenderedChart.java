package io.imlab.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The chart rendered by {@code helm template} (helm-java), as YAML text and as parsed objects. */
record RenderedChart(String yaml, List<JsonNode> objects) {

    static final String RELEASE = "imlab";
    static final String NAMESPACE = "imlab";

    /** Renders with the default values plus {@code overrides} ({@code --set key=value}). */
    static RenderedChart render(Map<String, Object> overrides) {
        TemplateCommand template = new Helm(RepoFiles.chart()).template().withName(RELEASE).withNamespace(NAMESPACE);
        overrides.forEach(template::set);
        String yaml = template.call();
        return new RenderedChart(yaml, parse(yaml));
    }

    static List<JsonNode> parse(String yaml) {
        List<JsonNode> objects = new ArrayList<>();
        try (MappingIterator<JsonNode> docs = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.isObject() && doc.has("kind")) {
                    objects.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    List<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    JsonNode one(String kind, Predicate<JsonNode> filter) {
        List<JsonNode> matching = ofKind(kind).stream().filter(filter).toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + kind + ", found " + matching.size());
        }
        return matching.get(0);
    }

    JsonNode one(String kind) {
        return one(kind, o -> true);
    }
}
