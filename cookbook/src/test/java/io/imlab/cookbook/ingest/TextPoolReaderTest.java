package io.imlab.cookbook.ingest;

import io.imlab.cookbook.task.PoolKind;
import io.imlab.cookbook.task.TextExample;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextPoolReaderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest/pools");

    @Test
    void dialogueTurnsAndTextsBecomeSourcelessExamples() {
        List<TextExample> dialogue = TextPoolReader.read(FIXTURES.resolve("dialogue.jsonl"), PoolKind.DIALOGUE);
        assertThat(dialogue).extracting(TextExample::target)
                .containsExactly("Hi, how are you?\nFine, thanks. And you?\nGreat!", "A: Where is the station?\nB: Two blocks north.");
        assertThat(dialogue).extracting(TextExample::source).containsOnly("");
        assertThat(TextPoolReader.read(FIXTURES.resolve("plain.jsonl"), PoolKind.PLAIN_TEXT)).hasSize(2);
    }

    @Test
    void aMistypedLineNamesFileLineAndField() {
        assertThatThrownBy(() -> TextPoolReader.read(FIXTURES.resolve("bad_plain.jsonl"), PoolKind.PLAIN_TEXT))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("bad_plain.jsonl:2: text: expected a string, found array");
    }
}
