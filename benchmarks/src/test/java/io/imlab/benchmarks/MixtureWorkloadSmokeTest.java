package io.imlab.benchmarks;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's two loops run and handle the same tokens (no timing here: see benchmarks/run.sh). */
class MixtureWorkloadSmokeTest {
    @Test
    void pipelineAndTokenizerOnlySeeTheSameTexts() {
        MixtureWorkload workload = new MixtureWorkload("byte", 2048);
        AtomicLong sequences = new AtomicLong();
        long packed = workload.pipeline(sequence -> sequences.incrementAndGet());
        assertThat(packed).isEqualTo(workload.tokenizeOnly()).isPositive();
        assertThat(sequences.get()).isPositive();
    }
}
