package io.imlab.cookbook.mixture;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The sampler's guided source look-up picks exactly what the binary search it replaced picked. */
class SourceGuideTest {
    @Test
    void agreesWithBinarySearchOnRandomDrawsAndEveryBoundary() {
        Random random = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(300);
            double[] cumulative = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                // Skewed shares, some tiny enough to round to the same running sum.
                double weight = random.nextInt(10) == 0 ? 1e-18 : Math.pow(random.nextDouble(), 4);
                sum += weight;
                cumulative[i] = sum;
            }
            int[] guide = MixtureSampler.guide(cumulative);
            for (int k = 0; k < 2000; k++) {
                double u = random.nextDouble() * sum;
                assertThat(MixtureSampler.sourceAt(cumulative, guide, u)).as("u = %s", u).isEqualTo(binarySearch(cumulative, u));
            }
            for (double boundary : cumulative) {
                for (double u : new double[] {boundary, Math.nextDown(boundary), Math.nextUp(boundary)}) {
                    assertThat(MixtureSampler.sourceAt(cumulative, guide, u)).as("u = %s", u).isEqualTo(binarySearch(cumulative, u));
                }
            }
            assertThat(MixtureSampler.sourceAt(cumulative, guide, 0)).isEqualTo(binarySearch(cumulative, 0));
        }
    }

    /** The sampler's former look-up. */
    private static int binarySearch(double[] cumulative, double u) {
        int index = Arrays.binarySearch(cumulative, u);
        return index >= 0 ? index + 1 : -index - 1;
    }
}
