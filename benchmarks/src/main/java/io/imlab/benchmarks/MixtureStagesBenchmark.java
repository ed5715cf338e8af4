package io.imlab.benchmarks;

import io.imlab.cookbook.mixture.MixtureExample;
import io.imlab.cookbook.mixture.MixtureSampler;
import io.imlab.cookbook.tokenize.Tokenizer;
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
 * Where the pipeline's time goes, stage by stage ({@link MixturePipelineBenchmark} has the full pipeline and
 * the tokenizer alone): sampling and formatting only, then sampling, formatting and tokenizing without
 * packing. Not part of {@code benchmarks/run.sh}; run it by name when the pipeline/tokenizer ratio moves.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MixtureStagesBenchmark {
    @Param({"byte", "gpt2"})
    public String tokenizer;

    private MixtureWorkload workload;

    @Setup
    public void setUp() {
        workload = new MixtureWorkload(tokenizer, 2048);
    }

    @Benchmark
    public void sampleFormat(Blackhole blackhole) {
        MixtureSampler sampler = workload.sampler();
        for (int i = 0; i < MixtureWorkload.EXAMPLES; i++) {
            blackhole.consume(sampler.next());
        }
    }

    @Benchmark
    public long sampleFormatTokenize(Blackhole blackhole) {
        MixtureSampler sampler = workload.sampler();
        Tokenizer tokens = workload.tokenizer();
        long total = 0;
        for (int i = 0; i < MixtureWorkload.EXAMPLES; i++) {
            MixtureExample example = sampler.next();
            int[] source = tokens.encode(example.source());
            int[] target = tokens.encode(example.target());
            blackhole.consume(source);
            blackhole.consume(target);
            total += source.length + target.length + 1;
        }
        return total;
    }

    /** The old baseline: ids only counted, never handed on, so the compiler may drop part of the encoding. */
    @Benchmark
    public long tokenizeOnlyLengths() {
        return workload.tokenizeOnly();
    }
}
