package io.imlab.cookbook.mixture;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SequentialRandomTest {
    @Test
    void drawsExactlyWhatJavaUtilRandomDrawsForTheSameSeed() {
        for (long seed : new long[] {0, 1, 7, -3, Long.MAX_VALUE}) {
            Random expected = new Random(seed);
            Random actual = new SequentialRandom(seed);
            for (int i = 0; i < 10_000; i++) {
                switch (i % 5) {
                    case 0 -> assertThat(actual.nextDouble()).isEqualTo(expected.nextDouble());
                    case 1 -> assertThat(actual.nextInt(8)).isEqualTo(expected.nextInt(8));
                    case 2 -> assertThat(actual.nextInt(1 + i)).isEqualTo(expected.nextInt(1 + i));
                    case 3 -> assertThat(actual.nextLong()).isEqualTo(expected.nextLong());
                    default -> assertThat(actual.nextInt()).isEqualTo(expected.nextInt());
                }
            }
            actual.setSeed(seed + 1);
            expected.setSeed(seed + 1);
            assertThat(actual.nextInt(1000)).isEqualTo(expected.nextInt(1000));
        }
    }
}
