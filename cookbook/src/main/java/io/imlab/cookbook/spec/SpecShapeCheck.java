package io.imlab.cookbook.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a parsed YAML tree against {@link SpecSchema}: unknown keys and wrong value types, at any
 * depth. Returns the tree with every offending value removed, so the caller can fill defaults there
 * and go on to check ranges without one bad value hiding the others.
 */
final class SpecShapeCheck {
    private SpecShapeCheck() {
    }

    /** The problems found and the tree with their values removed. */
    record Result(ObjectNode cleaned, List<SpecProblem> problems) {
    }

    static Result check(ObjectNode tree, SpecField schema) {
        List<SpecProblem> problems = new ArrayList<>();
        ObjectNode cleaned = checkSection(tree, schema, "", problems);
        return new Result(cleaned, problems);
    }

    private static ObjectNode checkSection(ObjectNode node, SpecField section, String prefix, List<SpecProblem> problems) {
        ObjectNode cleaned = node.objectNode();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            String path = prefix + entry.getKey();
            SpecField field = section.children().get(entry.getKey());
            if (field == null) {
                problems.add(new SpecProblem(path, unknownField(entry.getKey(), section)));
                continue;
            }
            JsonNode value = entry.getValue();
            if (field.kind() == FieldKind.SECTION) {
                if (value.isNull()) {
                    // "recipe:" with everything below commented out means "all defaults".
                    continue;
                }
                if (value instanceof ObjectNode object) {
                    cleaned.set(entry.getKey(), checkSection(object, field, path + ".", problems));
                } else {
                    problems.add(wrongType(path, field.kind(), value));
                }
            } else if (checkLeaf(value, field.kind(), path, problems)) {
                cleaned.set(entry.getKey(), value);
            }
        }
        return cleaned;
    }

    /** Whether {@code value} has the shape of {@code kind}; adds the problems when it does not. */
    static boolean checkLeaf(JsonNode value, FieldKind kind, String path, List<SpecProblem> problems) {
        switch (kind) {
            case TEXT:
                return expect(value.isTextual(), path, kind, value, problems);
            case INTEGER:
                if (value.isIntegralNumber() && !value.canConvertToInt()) {
                    problems.add(new SpecProblem(path, "must be at most " + Integer.MAX_VALUE + ", got " + value));
                    return false;
                }
                return expect(value.isIntegralNumber(), path, kind, value, problems);
            case LONG:
                if (value.isIntegralNumber() && !value.canConvertToLong()) {
                    problems.add(new SpecProblem(path, "must be at most " + Long.MAX_VALUE + ", got " + value));
                    return false;
                }
                return expect(value.isIntegralNumber(), path, kind, value, problems);
            case NUMBER:
                return expect(value.isNumber(), path, kind, value, problems);
            case BOOLEAN:
                return expect(value.isBoolean(), path, kind, value, problems);
            case TEXT_LIST:
                if (!expect(value.isArray(), path, kind, value, problems)) {
                    return false;
                }
                boolean allText = true;
                ArrayNode array = (ArrayNode) value;
                for (int i = 0; i < array.size(); i++) {
                    allText &= checkLeaf(array.get(i), FieldKind.TEXT, path + "[" + i + "]", problems);
                }
                return allText;
            case SHARE_MAP:
                if (!expect(value.isObject(), path, kind, value, problems)) {
                    return false;
                }
                boolean allNumbers = true;
                for (Map.Entry<String, JsonNode> share : value.properties()) {
                    allNumbers &= checkLeaf(share.getValue(), FieldKind.NUMBER, path + "." + share.getKey(), problems);
                }
                return allNumbers;
            default:
                throw new IllegalArgumentException("not a leaf kind: " + kind);
        }
    }

    private static boolean expect(boolean ok, String path, FieldKind kind, JsonNode value, List<SpecProblem> problems) {
        if (!ok) {
            problems.add(wrongType(path, kind, value));
        }
        return ok;
    }

    static SpecProblem wrongType(String path, FieldKind kind, JsonNode value) {
        return new SpecProblem(path, "expected " + kind.expected() + ", got " + describe(value));
    }

    /** A value as an error message shows it: strings quoted, containers by their kind. */
    static String describe(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing (leave the key out to get the default)";
        }
        if (value.isObject()) {
            return "a mapping";
        }
        if (value.isArray()) {
            return "a list";
        }
        return value.toString();
    }

    private static String unknownField(String key, SpecField section) {
        String known = String.join(", ", section.children().keySet());
        String closest = section.children().keySet().stream()
                .min(Comparator.comparingInt(candidate -> editDistance(key.toLowerCase(Locale.ROOT),
                        candidate.toLowerCase(Locale.ROOT))))
                .filter(candidate -> editDistance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT)) <= 2)
                .map(candidate -> " (did you mean " + candidate + "?)")
                .orElse("");
        return "unknown field" + closest + "; known fields here: " + known;
    }

    /** Levenshtein distance, for "did you mean" hints on misspelt keys. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
