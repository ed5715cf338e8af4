package io.imlab.cookbook.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads JSON Lines files one object per line, reporting bad lines with file and line number. */
final class JsonLines {
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** What to do with one parsed line. */
    @FunctionalInterface
    interface LineConsumer {
        void accept(int line, JsonNode object);
    }

    private JsonLines() {
    }

    /** Calls {@code consumer} for every non-blank line, which must hold one JSON object. */
    static void forEach(Path file, LineConsumer consumer) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new IngestException(new IngestProblem(file.toString(), "", lineNumber,
                            "invalid JSON: " + e.getOriginalMessage()), e);
                }
                if (node == null || !node.isObject()) {
                    throw new IngestException(file.toString(), "", lineNumber, "each line must hold one JSON object");
                }
                consumer.accept(lineNumber, node);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A required string field of a line's object. */
    static String requiredString(Path file, int line, JsonNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            throw new IngestException(file.toString(), field, line, "missing");
        }
        if (!value.isTextual()) {
            throw new IngestException(file.toString(), field, line, "expected a string, found " + value.getNodeType().name().toLowerCase());
        }
        return value.textValue();
    }
}
