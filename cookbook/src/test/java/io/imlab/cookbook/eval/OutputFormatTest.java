package io.imlab.cookbook.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OutputFormatTest {
    @Test
    void infersTheFormatFromReferencesAndCandidates() {
        assertThat(OutputFormat.infer(List.of("yes"), List.of("yes", "no"))).isEqualTo(OutputFormat.LABEL);
        assertThat(OutputFormat.infer(List.of("42", "-3.5"), List.of())).isEqualTo(OutputFormat.NUMBER);
        assertThat(OutputFormat.infer(List.of("Bob lives in Quito."), List.of())).isEqualTo(OutputFormat.LINE);
        assertThat(OutputFormat.infer(List.of("line one\nline two"), List.of())).isEqualTo(OutputFormat.TEXT);
    }

    @Test
    void checksCompliance() {
        List<String> labels = List.of("positive", "negative");
        assertThat(OutputFormat.LABEL.complies(" Positive.", labels)).isTrue();
        // The dialogue pitfall: a chatty sentence instead of the label.
        assertThat(OutputFormat.LABEL.complies("I think it is positive", labels)).isFalse();
        assertThat(OutputFormat.LABEL.complies("", labels)).isFalse();
        assertThat(OutputFormat.NUMBER.complies(" 1,024 ", List.of())).isTrue();
        assertThat(OutputFormat.NUMBER.complies("forty", List.of())).isFalse();
        assertThat(OutputFormat.LINE.complies("Bob is 3.", List.of())).isTrue();
        assertThat(OutputFormat.LINE.complies("Bob is 3.\nUser: and Ann?", List.of())).isFalse();
        assertThat(OutputFormat.TEXT.complies("  ", List.of())).isFalse();
    }

    @Test
    void verbosityIsAnswerWordsOverTheClosestReference() {
        // 6 answer words; references of 2 and 5 words: the closest is 5 -> 6/5.
        assertThat(OutputFormat.verbosity("a b c d e f", List.of("x y", "v w x y z"))).isEqualTo(1.2);
        assertThat(OutputFormat.verbosity("", List.of("x"))).isZero();
        assertThat(OutputFormat.words(" one  two\nthree ")).isEqualTo(3);
    }
}
