package io.imlab.activities.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a producer says about an artifact before publishing it: everything in its manifest except the file
 * list. Nothing here may depend on the wall clock, since content-addressed artifacts must be byte-identical
 * when rebuilt from the same inputs.
 *
 * @param format    version of the artifact's content layout, owned by its producer (e.g. {@code bench/1});
 *                  readers refuse formats they do not know
 * @param kind      what the artifact is: {@code bench}, {@code mixture}, {@code checkpoint}, {@code eval}, ...
 * @param hash      identity of the artifact: the content hash of everything that determines it
 *                  ([A-Za-z0-9._-], it names the local cache folder)
 * @param producer  code that made it, with its version (e.g. {@code imlab-activities/0.1.0 BuildBench})
 * @param createdBy optional run or workflow that made it; {@code null} when none
 * @param inputs    named inputs (name → hash or URI); copied into a sorted map
 */
public record ArtifactDescription(
        String format, String kind, String hash, String producer, String createdBy, Map<String, String> inputs) {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]+");

    /**
     * Validates every field and reports all problems at once.
     *
     * @throws IllegalArgumentException listing each invalid field
     */
    public ArtifactDescription {
        List<String> problems = new ArrayList<>();
        requireText(problems, "format", format);
        requireText(problems, "kind", kind);
        requireText(problems, "producer", producer);
        if (hash == null || !SAFE.matcher(hash).matches() || hash.startsWith(".")) {
            problems.add("hash: '" + hash + "' must be a non-empty [A-Za-z0-9._-] name not starting with '.'");
        }
        if (createdBy != null && createdBy.isBlank()) {
            problems.add("createdBy: must be null or non-blank");
        }
        inputs = inputs == null ? Map.of() : inputs;
        inputs.forEach((name, value) -> {
            if (name == null || name.isBlank() || value == null) {
                problems.add("inputs." + name + ": name and value must be set");
            }
        });
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid artifact description: " + String.join("; ", problems));
        }
        inputs = Collections.unmodifiableMap(new TreeMap<>(inputs));
    }

    private static void requireText(List<String> problems, String field, String value) {
        if (value == null || value.isBlank()) {
            problems.add(field + ": must be set");
        }
    }
}
