package io.imlab.cookbook.spec;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.util.List;

/**
 * JSONL files for the recipe's dialogue and plain-text pools (OPT-IML §4.7, Table 19).
 *
 * @param dialogue  dialogue files ({@code {"turns": [...]}} or {@code {"text": ...}} per line)
 * @param plainText plain-text files ({@code {"text": ...}} per line)
 */
public record TextPoolsSpec(List<String> dialogue, List<String> plainText) {
    @JsonCreator
    public TextPoolsSpec {
        dialogue = dialogue == null ? List.of() : List.copyOf(dialogue);
        plainText = plainText == null ? List.of() : List.copyOf(plainText);
    }

    public static TextPoolsSpec none() {
        return new TextPoolsSpec(List.of(), List.of());
    }
}
