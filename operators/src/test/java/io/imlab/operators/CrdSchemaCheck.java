package io.imlab.operators;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a custom resource against a CRD's structural OpenAPI v3 schema the way the API server's validation
 * would for the keywords our generated CRDs use: type, properties (unknown fields are errors, as the API server
 * prunes them), additionalProperties, items, required, minimum/maximum (with exclusive flags), pattern and
 * x-kubernetes-preserve-unknown-fields. No cluster is needed; kubectl's server-side validation stays the final word.
 */
final class CrdSchemaCheck {
    private CrdSchemaCheck() {
    }

    /** Every violation as {@code path: problem}; empty when the value fits the schema. */
    static List<String> check(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "", problems);
        return problems;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
        String type = schema.path("type").asText("");
        if (type.isEmpty() && schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return;
        }
        switch (type) {
            case "object" -> checkObject(value, schema, path, problems);
            case "array" -> {
                if (!value.isArray()) {
                    problems.add(path + ": expected an array, got " + value.getNodeType());
                    return;
                }
                for (int i = 0; i < value.size(); i++) {
                    check(value.get(i), schema.path("items"), path + "[" + i + "]", problems);
                }
            }
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": expected a string, got " + value.getNodeType());
                } else if (schema.has("pattern") && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
                    problems.add(path + ": \"" + value.asText() + "\" does not match " + schema.get("pattern").asText());
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": expected an integer, got " + value);
                } else {
                    checkRange(value.asDouble(), schema, path, problems);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": expected a number, got " + value);
                } else {
                    checkRange(value.asDouble(), schema, path, problems);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected a boolean, got " + value);
                }
            }
            default -> problems.add(path + ": the schema has no type the check knows: " + type);
        }
    }

    private static void checkObject(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (!value.isObject()) {
            problems.add(path + ": expected an object, got " + value.getNodeType());
            return;
        }
        for (JsonNode required : schema.path("required")) {
            if (!value.has(required.asText())) {
                problems.add(join(path, required.asText()) + ": required");
            }
        }
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        for (Map.Entry<String, JsonNode> field : value.properties()) {
            String fieldPath = join(path, field.getKey());
            JsonNode property = schema.path("properties").path(field.getKey());
            if (!property.isMissingNode()) {
                check(field.getValue(), property, fieldPath, problems);
            } else if (schema.has("additionalProperties")) {
                check(field.getValue(), schema.get("additionalProperties"), fieldPath, problems);
            } else if (!preserve) {
                problems.add(fieldPath + ": unknown field");
            }
        }
    }

    private static void checkRange(double number, JsonNode schema, String path, List<String> problems) {
        if (schema.has("minimum")) {
            double minimum = schema.get("minimum").asDouble();
            boolean exclusive = schema.path("exclusiveMinimum").asBoolean(false);
            if (exclusive ? number <= minimum : number < minimum) {
                problems.add(path + ": must be " + (exclusive ? "greater than " : "at least ") + minimum + ", got " + number);
            }
        }
        if (schema.has("maximum")) {
            double maximum = schema.get("maximum").asDouble();
            boolean exclusive = schema.path("exclusiveMaximum").asBoolean(false);
            if (exclusive ? number >= maximum : number > maximum) {
                problems.add(path + ": must be " + (exclusive ? "less than " : "at most ") + maximum + ", got " + number);
            }
        }
    }

    private static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }
}
