package io.imlab.cookbook.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ExactMatchTest {
    @Test
    void matchesAfterNormalization() {
        assertThat(ExactMatch.score(" The Answer. ", "answer")).isEqualTo(1.0);
        assertThat(ExactMatch.score("yes", "no")).isZero();
        assertThat(ExactMatch.score("an answer here", "answer")).isZero();
    }

    @Test
    void anyReferenceCounts() {
        assertThat(ExactMatch.bestScore("Paris", List.of("London", "paris!"))).isEqualTo(1.0);
        assertThat(ExactMatch.bestScore("Rome", List.of("London", "paris!"))).isZero();
    }

    @Test
    void rankClassificationPicksTheFirstBestCandidate() {
        assertThat(RankClassification.argmax(new double[] {-3.0, -1.5, -1.5, -9})).isEqualTo(1);
        assertThat(RankClassification.score("yes", List.of(" yes "))).isEqualTo(1.0);
        assertThat(RankClassification.score("no", List.of("yes"))).isZero();
        assertThat(RankClassification.accuracy(3, 4)).isEqualTo(0.75);
    }
}
