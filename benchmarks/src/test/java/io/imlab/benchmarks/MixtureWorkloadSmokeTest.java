package io.imlab.benchmarks;

import io.imlab.cookbook.mixture.MixtureExample;
import io.imlab.cookbook.mixture.MixtureSampler;
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
        AtomicLong arrays = new AtomicLong();
        assertThat(packed).isEqualTo(workload.tokenizeOnly(ids -> arrays.incrementAndGet())).isPositive();
        assertThat(arrays.get()).isEqualTo(2L * MixtureWorkload.EXAMPLES);
        assertThat(sequences.get()).isPositive();
        // The baseline's texts are the very examples the pipeline's sampler formats, in order.
        MixtureSampler sampler = workload.sampler();
        for (String[] text : workload.texts()) {
            MixtureExample example = sampler.next();
            assertThat(text).containsExactly(example.source(), example.target());
        }
    }
}
