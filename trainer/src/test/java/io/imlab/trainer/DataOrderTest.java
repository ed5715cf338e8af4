package io.imlab.trainer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

class DataOrderTest {
    @Test
    void batchesArePureFunctionsOfSeedAndStep() {
        DataOrder sequential = new DataOrder(7, 50, 8);
        long[][] batches = new long[20][];
        for (int step = 0; step < 20; step++) {
            batches[step] = sequential.batch(step);
        }
        DataOrder fresh = new DataOrder(7, 50, 8);
        for (int step = 19; step >= 0; step--) {
            assertThat(fresh.batch(step)).as("step %d", step).containsExactly(batches[step]);
        }
        assertThat(new DataOrder(8, 50, 8).batch(0)).isNotEqualTo(batches[0]);
    }

    @Test
    void eachEpochVisitsEverySequenceOnceInANewOrder() {
        DataOrder order = new DataOrder(3, 40, 8);
        long[] epoch0 = LongStream.range(0, 5).flatMap(step -> Arrays.stream(order.batch((int) step))).toArray();
        long[] epoch1 = LongStream.range(5, 10).flatMap(step -> Arrays.stream(order.batch((int) step))).toArray();
        assertThat(Arrays.stream(epoch0).sorted().toArray()).containsExactly(LongStream.range(0, 40).toArray());
        assertThat(Arrays.stream(epoch1).sorted().toArray()).containsExactly(LongStream.range(0, 40).toArray());
        assertThat(epoch1).isNotEqualTo(epoch0);
        assertThat(order.cursor(5)).isEqualTo(40);
    }

    @Test
    void aBatchLargerThanTheDatasetSpansEpochs() {
        long[] batch = new DataOrder(1, 3, 7).batch(0);
        assertThat(batch).hasSize(7);
        assertThat(Arrays.stream(batch).distinct().sorted().toArray()).containsExactly(0, 1, 2);
    }
}
