package io.imlab.trainer;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Model FLOP utilization of a training step of the {@code small} preset at batch 16 × 256: training
 * FLOPs per second ({@link ModelFlops#perToken()} × tokens/s) as a share of the FLOP rate that a large
 * fp32 matrix product (1024³ {@code matMul}) reaches on the same engine, threads and machine.
 *
 * <p>The two are measured alternately in one JVM (a burst of three products before every step), so
 * each round's ratio compares figures taken within seconds on a machine that other builds share; compare ratios, not absolute rates across
 * runs. Opt-in (about a minute): {@code -Dimlab.trainer.mfu=true}; {@code -Dimlab.trainer.mfu.rounds=N}
 * (default 5), {@code -Dimlab.trainer.mfu.preset=tiny|small|base}, and
 * {@code -Dimlab.trainer.mfu.profile=/path/trace.json} records one round with PyTorch's profiler (a
 * Chrome trace). Prints one JSON line per round and a summary; asserts nothing about speed.
 */
class ModelFlopUtilizationIT {
    private static final int LENGTH = 256;
    private static final int BATCH = 16;
    private static final int MATRIX = 1024;
    private static final int MATMULS_PER_STEP = 3;
    private static final int STEPS_PER_ROUND = 4;
    private static final int WARMUP_STEPS = 2;

    @TempDir
    Path work;

    @Test
    void smallPresetUtilizationAgainstALargeMatrixProduct() throws Exception {
        assumeTrue(Boolean.getBoolean("imlab.trainer.mfu"), "MFU benchmark runs only with -Dimlab.trainer.mfu=true");
        int rounds = Integer.getInteger("imlab.trainer.mfu.rounds", 5);
        String preset = System.getProperty("imlab.trainer.mfu.preset", "small");
        String profile = System.getProperty("imlab.trainer.mfu.profile", "");
        Random random = new Random(1);
        List<ToyTasks.Example> examples = new ArrayList<>();
        for (int i = 0; i < 4000; i++) {
            TrainerThroughputIT.Probe probe = TrainerThroughputIT.instance(random, i % 4);
            examples.add(new ToyTasks.Example(probe.prompt(), probe.answer()));
        }
        Path data = ToyTasks.pack(work.resolve("data"), examples, LENGTH);
        // One step more than is timed, so the end-of-schedule checkpoint never falls in a timed window.
        int steps = WARMUP_STEPS + rounds * STEPS_PER_ROUND + 1;
        TrainingJob job = new TrainingJob(data, work.resolve("run"), new ModelSpec(preset, 0, 0, 0, 0.1),
                new TrainingSpec(1, steps, BATCH, 1e-3, 2, 1.0, 0));

        Engine engine = TorchEngine.get();
        double[] matmulRates = new double[rounds];
        double[] tokenRates = new double[rounds];
        double[] utilization = new double[rounds];
        try (NDManager manager = engine.newBaseManager();
             TrainingRun run = TrainingRun.start(job)) {
            ModelFlops flops = ModelFlops.of(run.modelConfig());
            NDArray a = manager.randomUniform(-1, 1, new Shape(MATRIX, MATRIX));
            NDArray b = manager.randomUniform(-1, 1, new Shape(MATRIX, MATRIX));
            matmulFlopRate(a, b, 3); // warm-up: thread pool, allocator
            run.runUntil(WARMUP_STEPS);
            System.out.printf(Locale.ROOT, "{\"bench\":\"mfu-setup\",\"engine\":\"%s\",\"device\":\"%s\",\"preset\":\"%s\","
                            + "\"non_embedding_params\":%d,\"flops_per_token\":%d,\"attention_flops_per_token\":%d,"
                            + "\"threads\":\"%s\",\"omp_wait_policy\":\"%s\"}%n",
                    engine.getEngineName() + " " + engine.getVersion(), manager.getDevice(), preset,
                    flops.nonEmbeddingParameters(), flops.perToken(), flops.attentionPerToken(),
                    System.getProperty("ai.djl.pytorch.num_threads"), System.getenv("OMP_WAIT_POLICY"));
            for (int r = 0; r < rounds; r++) {
                boolean profiled = !profile.isEmpty() && r == rounds - 1;
                if (profiled) {
                    profiler("startProfile", boolean.class, boolean.class, boolean.class).invoke(null, false, true, false);
                }
                // Alternate a burst of products with each step, so both rates sample the same seconds
                // of a machine whose load changes under us.
                double matmulSeconds = 0;
                double seconds = 0;
                for (int s = 0; s < STEPS_PER_ROUND; s++) {
                    matmulSeconds += MATMULS_PER_STEP * 2.0 * MATRIX * MATRIX * MATRIX / matmulFlopRate(a, b, MATMULS_PER_STEP);
                    long started = System.nanoTime();
                    run.runUntil(run.step() + 1);
                    seconds += (System.nanoTime() - started) / 1e9;
                }
                matmulRates[r] = STEPS_PER_ROUND * MATMULS_PER_STEP * 2.0 * MATRIX * MATRIX * MATRIX / matmulSeconds;
                if (profiled) {
                    profiler("stopProfile", String.class).invoke(null, profile);
                }
                tokenRates[r] = (double) STEPS_PER_ROUND * BATCH * LENGTH / seconds;
                utilization[r] = flops.perToken() * tokenRates[r] / matmulRates[r];
                System.out.printf(Locale.ROOT, "{\"bench\":\"mfu\",\"round\":%d,\"matmul_gflops\":%.1f,\"s_per_step\":%.3f,"
                                + "\"tokens_per_s\":%.0f,\"model_gflops\":%.1f,\"mfu\":%.3f%s}%n",
                        r + 1, matmulRates[r] / 1e9, seconds / STEPS_PER_ROUND, tokenRates[r],
                        flops.perToken() * tokenRates[r] / 1e9, utilization[r], profiled ? ",\"profiled\":true" : "");
            }
            a.close();
            b.close();
        }
        System.out.printf(Locale.ROOT, "{\"bench\":\"mfu-summary\",\"preset\":\"%s\",\"rounds\":%d,\"matmul_gflops\":%s,"
                        + "\"tokens_per_s\":%s,\"mfu\":%s}%n",
                preset, rounds, range(matmulRates, 1e-9, "%.1f"), range(tokenRates, 1, "%.0f"), range(utilization, 1, "%.3f"));
        assertThat(Arrays.stream(utilization).min().orElseThrow()).as("utilization of every round").isPositive();
    }

    /** FLOP/s of {@code reps} products of two n×n float32 matrices (2n³ FLOPs each). */
    private static double matmulFlopRate(NDArray a, NDArray b, int reps) {
        long n = a.getShape().get(0);
        long started = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            // PyTorch CPU kernels are synchronous: the product is complete when matMul returns.
            try (NDArray product = a.matMul(b)) {
                product.getShape();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        return reps * 2.0 * n * n * n / seconds;
    }

    /** {@code {"min":..,"median":..,"max":..}} of the values times {@code scale}. */
    private static String range(double[] values, double scale, String format) {
        double[] sorted = Arrays.stream(values).map(v -> v * scale).sorted().toArray();
        return String.format(Locale.ROOT, "{\"min\":" + format + ",\"median\":" + format + ",\"max\":" + format + "}",
                sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    /** DJL's PyTorch profiler hooks, reached reflectively because the engine is a runtime dependency. */
    private static Method profiler(String name, Class<?>... parameters) throws ReflectiveOperationException {
        return Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod(name, parameters);
    }
}
