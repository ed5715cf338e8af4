package io.imlab.activities.launch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * One progress line of a training job: a JSON object such as
 * {@code {"step":120,"loss":2.31,"lr":0.0003,"tokens":61440,"tokens_per_s":5120.4}}.
 *
 * @param line   the line as printed
 * @param fields the parsed object (values are JSON types: String, Number, Boolean, List, Map, or null)
 */
public record ProgressEvent(String line, Map<String, Object> fields) {

    /** Copies the fields. */
    public ProgressEvent {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** An integral field, if present and numeric. */
    public OptionalLong longValue(String name) {
        return fields.get(name) instanceof Number n ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
    }

    /** A numeric field, if present. */
    public OptionalDouble doubleValue(String name) {
        return fields.get(name) instanceof Number n ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** A string field, if present. */
    public Optional<String> text(String name) {
        return fields.get(name) instanceof String s ? Optional.of(s) : Optional.empty();
    }
}
