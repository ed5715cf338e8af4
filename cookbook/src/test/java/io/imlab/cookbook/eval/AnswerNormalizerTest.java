package io.imlab.cookbook.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AnswerNormalizerTest {
    @Test
    void lowercasesRemovesPunctuationArticlesAndExtraWhitespace() {
        assertThat(AnswerNormalizer.normalize("  The Cat, sat on   a mat!\n")).isEqualTo("cat sat on mat");
        assertThat(AnswerNormalizer.normalize("An apple-pie; THE end.")).isEqualTo("applepie end");
    }

    @Test
    void keepsArticlesInsideWords() {
        assertThat(AnswerNormalizer.normalize("Theater and anthem")).isEqualTo("theater and anthem");
    }

    @Test
    void blankTextHasNoTokens() {
        assertThat(AnswerNormalizer.tokens(" ...  ")).isEmpty();
        assertThat(AnswerNormalizer.tokens("the a an")).isEmpty();
    }
}
