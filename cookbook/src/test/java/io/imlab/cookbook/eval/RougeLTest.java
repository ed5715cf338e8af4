package io.imlab.cookbook.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RougeLTest {
    @Test
    void scoresTheLongestCommonSubsequenceAfterNormalization() {
        // prediction "the cat sat on the mat" -> [cat, sat, on, mat] (4 words)
        // reference  "The cat is on the mat." -> [cat, is, on, mat]  (4 words)
        // LCS = [cat, on, mat] = 3; P = 3/4, R = 3/4; F = 2 * 0.75 * 0.75 / 1.5 = 0.75
        assertThat(RougeL.score("the cat sat on the mat", "The cat is on the mat.")).isCloseTo(0.75, within(1e-12));
    }

    @Test
    void usesOrderNotJustOverlap() {
        // prediction [police, killed, gunman] (3), reference [gunman, was, shot, by, police] (5).
        // Both "police" and "gunman" are shared but in opposite order, so LCS = 1.
        // P = 1/3, R = 1/5; F = 2 * (1/15) / (8/15) = 0.25
        assertThat(RougeL.score("police killed the gunman", "the gunman was shot by police")).isCloseTo(0.25, within(1e-12));
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
        assertThat(RougeL.score("the", "the")).isZero();
    }

    @Test
    void takesTheBestReference() {
        // Against "x z w v q": 2/3 (above); against "x y z w": 1.
        assertThat(RougeL.bestScore("x y z w", List.of("x z w v q", "x y z w"))).isEqualTo(1.0);
        assertThat(RougeL.bestScore("x y z w", List.of("x z w v q", "q"))).isCloseTo(2.0 / 3, within(1e-12));
    }
}
