package io.imlab.cookbook.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RougeLTest {
    @Test
    void scoresTheLongestCommonSubsequenceOfRougeScoreTokens() {
        // prediction "the cat sat on the mat" -> [the, cat, sat, on, the, mat] (6 tokens; articles stay, as in rouge_score)
        // reference  "The cat is on the mat." -> [the, cat, is, on, the, mat]  (6 tokens; "." dropped)
        // LCS = [the, cat, on, the, mat] = 5; P = R = 5/6; F = 5/6
        assertThat(RougeL.score("the cat sat on the mat", "The cat is on the mat.")).isCloseTo(5.0 / 6, within(1e-12));
    }

    @Test
    void stemsWordsLongerThanThreeLetters() {
        // [the, cat(s), were, run(ning)] vs [the, cat, was, run]: LCS = [the, cat, run] = 3; P = R = 3/4.
        // Without the stemmer only "the" would match (F = 1/4).
        assertThat(RougeL.tokens("The cats were running")).containsExactly("the", "cat", "were", "run");
        assertThat(RougeL.score("The cats were running", "the cat was run")).isCloseTo(0.75, within(1e-12));
        // Punctuation splits words: "don't" is [don, t]; "U.S.A." is [u, s, a].
        assertThat(RougeL.tokens("Don't stop, U.S.A.!")).containsExactly("don", "t", "stop", "u", "s", "a");
    }

    @Test
    void usesOrderNotJustOverlap() {
        // prediction [polic, kill, the, gunman] (4), reference [the, gunman, was, shot, by, polic] (6).
        // "polic" and "the gunman" are shared but in opposite order, so LCS = [the, gunman] = 2.
        // P = 2/4, R = 2/6; F = 2 * (1/6) / (5/6) = 0.4
        assertThat(RougeL.score("police killed the gunman", "the gunman was shot by police")).isCloseTo(0.4, within(1e-12));
    }

    @Test
    void unequalLengths() {
        // prediction [x, y, z, w] (4), reference [x, z, w, v, q] (5); LCS = [x, z, w] = 3.
        // P = 3/4, R = 3/5; F = 2 * (9/20) / (27/20) = 2/3
        assertThat(RougeL.score("x y z w", "x z w v q")).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(RougeL.longestCommonSubsequence(List.of("x", "y", "z", "w"), List.of("x", "z", "w", "v", "q"))).isEqualTo(3);
    }

    @Test
    void identicalIsOneAndDisjointOrEmptyIsZero() {
        assertThat(RougeL.score("Berlin is big", "berlin is big!")).isEqualTo(1.0);
        assertThat(RougeL.score("yes", "no")).isZero();
        assertThat(RougeL.score("", "no")).isZero();
        assertThat(RougeL.score("the", "the")).isEqualTo(1.0);
        assertThat(RougeL.score("...", "no")).isZero();
    }

    @Test
    void takesTheBestReference() {
        // Against "x z w v q": 2/3 (above); against "x y z w": 1.
        assertThat(RougeL.bestScore("x y z w", List.of("x z w v q", "x y z w"))).isEqualTo(1.0);
        assertThat(RougeL.bestScore("x y z w", List.of("x z w v q", "q"))).isCloseTo(2.0 / 3, within(1e-12));
    }
}
