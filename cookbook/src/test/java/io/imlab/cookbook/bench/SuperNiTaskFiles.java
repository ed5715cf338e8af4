package io.imlab.cookbook.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small Super-NaturalInstructions task files (the upstream v2 schema) for build tests. */
final class SuperNiTaskFiles {
    private static final ObjectMapper JSON = new ObjectMapper();

    private SuperNiTaskFiles() {
    }

    /** {@code dir/<name>.json} with {@code instances} distinct instances of the given category and source. */
    static Path write(Path dir, String name, String category, String source, int instances) throws IOException {
        ObjectNode task = JSON.createObjectNode();
        task.putArray("Source").add(source);
        task.putArray("Categories").add(category);
        task.putArray("Definition").add("Given a sentence about " + source + ", write its topic word.");
        task.putArray("Positive Examples").addObject().put("input", "a sentence about cats").put("output", "cats")
                .put("explanation", "the topic");
        task.putArray("Negative Examples");
        ArrayNode list = task.putArray("Instances");
        for (int i = 0; i < instances; i++) {
            list.addObject().put("id", name + "-" + i)
                    .put("input", "Instance " + i + " of " + source + " says word" + i + " and word" + (i * 7) + " here.")
                    .putArray("output").add(source + " " + i);
        }
        task.putArray("Instance License").add("Apache 2.0");
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".json");
        JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), task);
        return file;
    }
}
