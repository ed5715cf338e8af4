package io.imlab.operators.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders {@code docs/crd-reference.md} from freshly generated CRDs: names, printer columns, and every spec and
 * status field with its type, validation rules and description (the classes' {@code @JsonPropertyDescription}).
 */
final class CrdReference {
    private static final YAMLMapper YAML = new YAMLMapper();

    private CrdReference() {
    }

    static String render(Map<String, String> crds) {
        StringBuilder out = new StringBuilder();
        out.append("<!-- GENERATED from the CRD classes in operators/src/main/java/io/imlab/operators/crd: do not edit.\n")
                .append("     Regenerate with: ").append(GeneratedCrds.REGENERATE_COMMAND).append(" -->\n\n")
                .append("# Custom resource reference\n\n")
                .append("imlab's operator (`imlab operator`, enabled in the Helm chart with `operator.enabled=true`) runs two\n")
                .append("custom resources of API group `").append(CrdNames.GROUP).append("`, version `")
                .append(CrdNames.VERSION).append("`. Their `spec` is exactly an imlab spec file\n")
                .append("([spec-reference.md](spec-reference.md)): every field is optional and takes the documented default,\n")
                .append("and the operator validates the whole spec with the same rules as `imlab run` before it starts anything.\n")
                .append("The API server checks the types and ranges below; the cross-field rules (shares adding up to at most 1,\n")
                .append("a category held out fully or partially but not both, grid expansion) are the operator's, and an invalid\n")
                .append("spec shows up as condition `SpecValid=False` listing every problem with its field path.\n\n")
                .append("Once a resource's workflow has started, its spec is fixed: a change is refused with condition\n")
                .append("`SpecChangeRejected=True` and the workflow keeps the spec it started with. Deleting the resource cancels\n")
                .append("its workflow (finalizer `").append(CrdNames.FINALIZER).append("`).\n");
        for (String yaml : crds.values()) {
            JsonNode crd = read(yaml);
            JsonNode names = crd.path("spec").path("names");
            JsonNode version = crd.path("spec").path("versions").get(0);
            JsonNode schema = version.path("schema").path("openAPIV3Schema").path("properties");
            out.append("\n## ").append(names.path("kind").asText()).append("\n\n")
                    .append("| | |\n|---|---|\n")
                    .append("| apiVersion | `").append(crd.path("spec").path("group").asText()).append('/')
                    .append(version.path("name").asText()).append("` |\n")
                    .append("| plural | `").append(names.path("plural").asText()).append("` (`kubectl get ")
                    .append(names.path("plural").asText()).append("`) |\n")
                    .append("| short names | ").append(join(names.path("shortNames"))).append(" |\n")
                    .append("| scope | ").append(crd.path("spec").path("scope").asText()).append(" |\n")
                    .append("| status subresource | ").append(version.path("subresources").has("status") ? "yes" : "no")
                    .append(" |\n\n")
                    .append("Printer columns: ");
            List<String> columns = new ArrayList<>();
            version.path("additionalPrinterColumns").forEach(c -> columns.add("`" + c.path("name").asText() + "` ("
                    + c.path("jsonPath").asText() + ")"));
            out.append(String.join(", ", columns)).append(".\n\n");
            out.append("### `spec`\n\n");
            table(out, schema.path("spec"), "spec");
            out.append("\n### `status` (written by the operator)\n\n");
            table(out, schema.path("status"), "status");
        }
        return out.toString();
    }

    private static void table(StringBuilder out, JsonNode schema, String root) {
        out.append("| field | type | rules | description |\n|---|---|---|---|\n");
        rows(out, schema, root, schema.path("required"));
    }

    private static void rows(StringBuilder out, JsonNode schema, String path, JsonNode required) {
        for (Map.Entry<String, JsonNode> field : schema.path("properties").properties()) {
            JsonNode property = field.getValue();
            String fieldPath = path + "." + field.getKey();
            boolean isRequired = false;
            for (JsonNode name : required) {
                isRequired |= name.asText().equals(field.getKey());
            }
            out.append("| `").append(fieldPath).append("` | ").append(type(property)).append(" | ")
                    .append(rules(property, isRequired)).append(" | ")
                    .append(property.path("description").asText("").replace("|", "\\|").replace("\n", " "))
                    .append(" |\n");
            if (property.has("properties")) {
                rows(out, property, fieldPath, property.path("required"));
            } else if (property.path("items").has("properties")) {
                rows(out, property.path("items"), fieldPath + "[]", property.path("items").path("required"));
            }
        }
    }

    private static String type(JsonNode property) {
        String type = property.path("type").asText("any");
        if (type.equals("array")) {
            JsonNode items = property.path("items");
            return "list of " + (items.has("properties") ? "objects" : items.path("type").asText("any values"));
        }
        if (type.equals("object") && property.has("additionalProperties")) {
            return "map of string to " + type(property.get("additionalProperties"));
        }
        return type;
    }

    private static String rules(JsonNode property, boolean required) {
        List<String> rules = new ArrayList<>();
        if (required) {
            rules.add("required");
        }
        if (property.has("minimum")) {
            rules.add((property.path("exclusiveMinimum").asBoolean(false) ? "> " : "≥ ") + number(property.get("minimum")));
        }
        if (property.has("maximum")) {
            rules.add((property.path("exclusiveMaximum").asBoolean(false) ? "< " : "≤ ") + number(property.get("maximum")));
        }
        if (property.has("pattern")) {
            rules.add("matches `" + property.get("pattern").asText().replace("|", "\\|") + "`");
        }
        return String.join(", ", rules);
    }

    private static String number(JsonNode value) {
        double d = value.asDouble();
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }

    private static String join(JsonNode values) {
        List<String> texts = new ArrayList<>();
        values.forEach(v -> texts.add("`" + v.asText() + "`"));
        return String.join(", ", texts);
    }

    private static JsonNode read(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
