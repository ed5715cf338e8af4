package io.imlab.cookbook.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.TextExample;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads dialogue and plain-text JSONL into pool examples with an empty source: the whole text is the target
 * (OPT-IML Table 6). A line is {@code {"text": "..."}}; dialogue lines may instead give
 * {@code {"turns": ["...", "..."]}}, joined one turn per line.
 */
public final class TextPoolReader {
    private TextPoolReader() {
    }

    /**
     * The examples of one pool file.
     *
     * @param jsonl the file
     * @param kind  the pool it feeds (DIALOGUE or PLAIN_TEXT; CoT pools come from {@link ChainOfThoughtReader})
     */
    public static List<TextExample> read(Path jsonl, PoolKind kind) {
        if (kind == PoolKind.COT) {
            throw new IllegalArgumentException("chain-of-thought pools are read by ChainOfThoughtReader");
        }
        List<TextExample> examples = new ArrayList<>();
        JsonLines.forEach(jsonl, (line, node) -> {
            JsonNode turns = node.get("turns");
            String text;
            if (node.has("text")) {
                text = JsonLines.requiredString(jsonl, line, node, "text");
            } else if (kind == PoolKind.DIALOGUE && turns != null) {
                if (!turns.isArray() || turns.isEmpty()) {
                    throw new IngestException(jsonl.toString(), "turns", line, "expected a non-empty list of strings");
                }
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < turns.size(); i++) {
                    if (!turns.get(i).isTextual()) {
                        throw new IngestException(jsonl.toString(), "turns[" + i + "]", line, "expected a string");
                    }
                    parts.add(turns.get(i).textValue());
                }
                text = String.join("\n", parts);
            } else {
                throw new IngestException(jsonl.toString(), "text", line, "missing");
            }
            if (text.isBlank()) {
                throw new IngestException(jsonl.toString(), "text", line, "must not be empty");
            }
            examples.add(new TextExample("", text));
        });
        return examples;
    }
}
