package io.imlab.cookbook.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Spec records as JSON trees: the form in which YAML is checked, defaults are merged and grid levels
 * are applied by path, so that the loader and {@link GridExpander} share one notion of "path".
 */
final class SpecTree {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private SpecTree() {
    }

    static ObjectNode toTree(ExperimentSpec spec) {
        return MAPPER.valueToTree(spec);
    }

    /** Binds a tree whose shape has been checked; a failure here is a bug, not a user error. */
    static ExperimentSpec toSpec(JsonNode tree) {
        try {
            return MAPPER.treeToValue(tree, ExperimentSpec.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("a shape-checked spec tree did not bind: " + e.getMessage(), e);
        }
    }

    static JsonNode toNode(Object value) {
        return MAPPER.valueToTree(value);
    }

    /** A grid level as plain Java: Integer, Long, Double, String, Boolean, List or Map. */
    static Object toPlainValue(JsonNode node) {
        try {
            return MAPPER.treeToValue(node, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a parsed YAML value did not convert: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * {@code overlay} laid over {@code base}: mappings merge key by key, anything else in the overlay
     * replaces the base value. Neither input is changed.
     */
    static ObjectNode merge(ObjectNode base, ObjectNode overlay) {
        ObjectNode merged = base.deepCopy();
        for (Map.Entry<String, JsonNode> field : overlay.properties()) {
            JsonNode existing = merged.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode overlayObject) {
                merged.set(field.getKey(), merge(existingObject, overlayObject));
            } else {
                merged.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return merged;
    }

    /**
     * A copy of {@code root} with {@code value} at the dotted {@code path}, creating (or replacing
     * non-mapping) parents on the way.
     */
    static ObjectNode withValue(ObjectNode root, String path, JsonNode value) {
        ObjectNode copy = root.deepCopy();
        String[] segments = path.split("\\.", -1);
        ObjectNode parent = copy;
        for (int i = 0; i < segments.length - 1; i++) {
            JsonNode child = parent.get(segments[i]);
            if (!(child instanceof ObjectNode)) {
                child = parent.putObject(segments[i]);
            }
            parent = (ObjectNode) child;
        }
        parent.set(segments[segments.length - 1], value.deepCopy());
        return copy;
    }

    /**
     * Why {@code path} cannot be a grid factor, or empty when it can: a factor names one leaf field,
     * or one known collection's share.
     */
    static Optional<String> factorPathProblem(String path) {
        if (path.equals("name")) {
            return Optional.of("cannot be a factor: cell names are derived from the factor values");
        }
        for (String mapPrefix : List.of("recipe.collectionShares.", "recipe.collectionCaps.")) {
            if (path.startsWith(mapPrefix) && leafKind(path).isPresent()
                    && !io.imlab.cookbook.task.Collections.KNOWN.contains(path.substring(mapPrefix.length()))) {
                return Optional.of("unknown collection; known collections: "
                        + String.join(", ", io.imlab.cookbook.task.Collections.KNOWN));
            }
        }
        if (leafKind(path).isPresent()) {
            return Optional.empty();
        }
        List<String> leaves = leafPaths();
        String hint = leaves.stream()
                .min(Comparator.comparingInt(candidate -> SpecShapeCheck.editDistance(path, candidate)))
                .filter(candidate -> SpecShapeCheck.editDistance(path.toLowerCase(Locale.ROOT),
                        candidate.toLowerCase(Locale.ROOT)) <= 3)
                .map(candidate -> " (did you mean " + candidate + "?)")
                .orElse("");
        return Optional.of("no such spec field" + hint + "; a factor names one field such as recipe.cotShare");
    }

    /** Every leaf field path of an experiment, e.g. {@code training.steps}, in schema order. */
    static List<String> leafPaths() {
        List<String> paths = new ArrayList<>();
        collectLeaves(SpecSchema.EXPERIMENT, "", paths);
        return paths;
    }

    private static void collectLeaves(SpecField field, String prefix, List<String> paths) {
        for (SpecField child : field.children().values()) {
            if (child.kind().isLeaf()) {
                paths.add(prefix + child.name());
            } else if (child.kind() == FieldKind.SECTION) {
                collectLeaves(child, prefix + child.name() + ".", paths);
            }
        }
    }

    /**
     * The kind of value a grid factor path names: a leaf field such as {@code recipe.cotShare}, or
     * one collection's share such as {@code recipe.collectionShares.flan}. Empty when the path names
     * no leaf field.
     */
    static Optional<FieldKind> leafKind(String path) {
        String[] segments = path.split("\\.", -1);
        SpecField field = SpecSchema.EXPERIMENT;
        for (int i = 0; i < segments.length; i++) {
            if (field.kind() == FieldKind.SHARE_MAP || field.kind() == FieldKind.INTEGER_MAP) {
                FieldKind value = field.kind() == FieldKind.SHARE_MAP ? FieldKind.NUMBER : FieldKind.INTEGER;
                return i == segments.length - 1 ? Optional.of(value) : Optional.empty();
            }
            if (field.kind() == FieldKind.SECTION_LIST) {
                return Optional.empty();
            }
            field = field.children().get(segments[i]);
            if (field == null) {
                return Optional.empty();
            }
        }
        return field.kind().isLeaf() ? Optional.of(field.kind()) : Optional.empty();
    }
}
