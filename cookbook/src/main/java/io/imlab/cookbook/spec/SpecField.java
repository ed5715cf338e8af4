package io.imlab.cookbook.spec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One field of the spec schema: its YAML key, the shape its value must have, and for sections the
 * fields inside, in documentation order.
 */
record SpecField(String name, FieldKind kind, Map<String, SpecField> children) {
    SpecField {
        children = Collections.unmodifiableMap(new LinkedHashMap<>(children));
    }

    static SpecField leaf(String name, FieldKind kind) {
        return new SpecField(name, kind, Map.of());
    }

    static SpecField section(String name, List<SpecField> fields) {
        LinkedHashMap<String, SpecField> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return new SpecField(name, FieldKind.SECTION, byName);
    }

    /** A list whose elements are mappings with {@code fields}. */
    static SpecField sectionList(String name, List<SpecField> fields) {
        LinkedHashMap<String, SpecField> byName = new LinkedHashMap<>();
        fields.forEach(f -> byName.put(f.name(), f));
        return new SpecField(name, FieldKind.SECTION_LIST, byName);
    }
}
