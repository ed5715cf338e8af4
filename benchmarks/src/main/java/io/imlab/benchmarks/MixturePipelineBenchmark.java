package io.imlab.benchmarks;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.concurrent.TimeUnit;

/**
 * Mixture pipeline throughput against tokenizer-only throughput on the same texts, in the same run (issue
 * target: the pipeline reaches at least 80% of the tokenizer alone). One operation handles
 * {@link MixtureWorkload#EXAMPLES} examples; throughput is in operations per second, so the ratio of the two
 * scores is the ratio of example throughputs.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MixturePipelineBenchmark {
    @Param({"byte", "gpt2"})
    public String tokenizer;

    private MixtureWorkload workload;

    @Setup
    public void setUp() {
        workload = new MixtureWorkload(tokenizer, 2048);
    }

    @Benchmark
    public long tokenizeOnly(Blackhole blackhole) {
        return workload.tokenizeOnly(blackhole::consume);
    }

    @Benchmark
    public long sampleFormatTokenizePack(Blackhole blackhole) {
        return workload.pipeline(blackhole::consume);
    }
}
