package io.imlab.benchmarks;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.imlab.cookbook.pack.PackedDatasetWriter;
import io.imlab.cookbook.pack.PackedSequence;
import io.imlab.cookbook.spec.ModelSpec;
import io.imlab.cookbook.spec.TrainingSpec;
import io.imlab.cookbook.tokenize.ByteTokenizer;
import io.imlab.cookbook.tokenize.Tokenizer;
import io.imlab.trainer.ModelFlops;
import io.imlab.trainer.TorchEngine;
import io.imlab.trainer.TrainingJob;
import io.imlab.trainer.TrainingRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Tokens/s and model FLOP utilization of the imlab trainer's training step, on whatever device DJL picks
 * (the first GPU when it finds one, else the CPU), as a ratio to the FLOP rate that a large matrix product
 * reaches on the same engine, device and machine, measured alternately in the same run. The product is
 * float32 because the step is: {@link TrainingRun} reads {@code IMLAB_PRECISION} and trains only in fp32
 * ({@link io.imlab.trainer.Precision}); the set-up line prints the precision.
 *
 * <p>This is the trainer's real step ({@link TrainingRun#runUntil}): packed byte-level sequences with several
 * examples each, document-masked attention, label loss, Adam, clipping. Training FLOPs per token follow
 * {@link ModelFlops}. A burst of products before every step keeps both rates sampled within the same
 * seconds, so a machine whose load changes under us moves both. The product and the step are each
 * finished before the clock stops: the step reads its loss back to the host, the product one element.
 *
 * <pre>
 * java -cp … io.imlab.benchmarks.TrainingUtilization [key=value …]
 *   preset=small layers=0 dModel=0 heads=0   (model: a preset, or explicit dimensions)
 *   batch=16 length=256 rounds=5 stepsPerRound=4 warmup=2 matrix=1024 productsPerStep=3
 *   profile=/tmp/trace.json                   (records the last round with PyTorch's profiler, a Chrome trace)
 * </pre>
 * Prints one JSON object per line: the set-up, one per round, and a summary. Asserts nothing about speed.
 */
public final class TrainingUtilization {
    private static final Map<String, String> DEFAULTS = defaults();

    private TrainingUtilization() {
    }

    private static Map<String, String> defaults() {
        Map<String, String> defaults = new LinkedHashMap<>();
        defaults.put("preset", "small");
        defaults.put("layers", "0");
        defaults.put("dModel", "0");
        defaults.put("heads", "0");
        defaults.put("batch", "16");
        defaults.put("length", "256");
        defaults.put("rounds", "5");
        defaults.put("stepsPerRound", "4");
        defaults.put("warmup", "2");
        defaults.put("matrix", "1024");
        defaults.put("productsPerStep", "3");
        defaults.put("profile", "");
        return defaults;
    }

    public static void main(String[] args) throws IOException, ReflectiveOperationException {
        Map<String, String> options = parse(args);
        int batch = positive(options, "batch");
        int length = positive(options, "length");
        int rounds = positive(options, "rounds");
        int stepsPerRound = positive(options, "stepsPerRound");
        int warmup = positive(options, "warmup");
        int matrix = positive(options, "matrix");
        int productsPerStep = positive(options, "productsPerStep");
        ModelSpec model = new ModelSpec(options.get("preset"), integer(options, "layers"), integer(options, "dModel"),
                integer(options, "heads"), 0.1);

        Path work = Files.createTempDirectory("imlab-utilization");
        try {
            // One epoch covers every step, so no sequence repeats within the run.
            int steps = warmup + rounds * stepsPerRound + 1;
            Path data = pack(work.resolve("data"), length, steps * batch + batch, new Random(1));
            // One step more than is timed, so the end-of-schedule checkpoint never falls in a timed window.
            TrainingJob job = new TrainingJob(data, work.resolve("run"), model,
                    new TrainingSpec(1, steps, batch, 1e-3, warmup, 1.0, 0));
            run(job, batch, length, rounds, stepsPerRound, warmup, matrix, productsPerStep, options.get("profile"));
        } finally {
            deleteTree(work);
        }
    }

    private static void run(TrainingJob job, int batch, int length, int rounds, int stepsPerRound, int warmup,
                            int matrix, int productsPerStep, String profile) throws ReflectiveOperationException {
        Engine engine = TorchEngine.get();
        double[] productRates = new double[rounds];
        double[] tokenRates = new double[rounds];
        double[] utilization = new double[rounds];
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        try (TrainingRun run = TrainingRun.start(job);
             NDManager manager = engine.newBaseManager(run.device())) {
            ModelFlops flops = ModelFlops.of(run.modelConfig());
            NDArray a = manager.randomUniform(-1, 1, new Shape(matrix, matrix));
            NDArray b = manager.randomUniform(-1, 1, new Shape(matrix, matrix));
            productSeconds(a, b, 3); // warm-up: thread pool, allocator, kernel selection
            firstLoss = run.runUntil(1).finalLoss();
            run.runUntil(warmup);
            Device device = run.device();
            System.out.printf(Locale.ROOT, "{\"bench\":\"utilization-setup\",\"engine\":\"%s %s\",\"device\":\"%s\","
                            + "\"gpus\":%d,\"precision\":\"%s\",\"model\":\"%s\",\"batch\":%d,\"length\":%d,\"non_embedding_params\":%d,"
                            + "\"flops_per_token\":%d,\"matrix\":%d,\"threads\":\"%s\"}%n",
                    engine.getEngineName(), engine.getVersion(), device, engine.getGpuCount(), run.precision().specName(),
                    run.modelConfig(),
                    batch, length, flops.nonEmbeddingParameters(), flops.perToken(), matrix,
                    System.getProperty("ai.djl.pytorch.num_threads"));
            double productFlops = 2.0 * matrix * matrix * matrix;
            for (int r = 0; r < rounds; r++) {
                boolean profiled = !profile.isEmpty() && r == rounds - 1;
                if (profiled) {
                    profiler("startProfile", boolean.class, boolean.class, boolean.class).invoke(null, false, true, false);
                }
                double productTime = 0;
                double stepTime = 0;
                for (int s = 0; s < stepsPerRound; s++) {
                    productTime += productSeconds(a, b, productsPerStep);
                    long started = System.nanoTime();
                    lastLoss = run.runUntil(run.step() + 1).finalLoss();
                    stepTime += (System.nanoTime() - started) / 1e9;
                }
                if (profiled) {
                    profiler("stopProfile", String.class).invoke(null, profile);
                }
                productRates[r] = stepsPerRound * productsPerStep * productFlops / productTime;
                tokenRates[r] = (double) stepsPerRound * batch * length / stepTime;
                utilization[r] = flops.perToken() * tokenRates[r] / productRates[r];
                System.out.printf(Locale.ROOT, "{\"bench\":\"utilization\",\"round\":%d,\"matmul_gflops\":%.1f,"
                                + "\"s_per_step\":%.4f,\"tokens_per_s\":%.0f,\"model_gflops\":%.1f,\"mfu\":%.3f,\"loss\":%.4f}%n",
                        r + 1, productRates[r] / 1e9, stepTime / stepsPerRound, tokenRates[r],
                        flops.perToken() * tokenRates[r] / 1e9, utilization[r], lastLoss);
            }
            a.close();
            b.close();
            System.out.printf(Locale.ROOT, "{\"bench\":\"utilization-summary\",\"device\":\"%s\",\"rounds\":%d,"
                            + "\"matmul_gflops\":%s,\"tokens_per_s\":%s,\"mfu\":%s,\"loss_first_step\":%.4f,\"loss_last_step\":%.4f}%n",
                    device, rounds,
                    range(productRates, 1e-9, "%.1f"), range(tokenRates, 1, "%.0f"), range(utilization, 1, "%.3f"), firstLoss, lastLoss);
        }
    }

    /** DJL's PyTorch profiler hooks, reached reflectively because the engine is a runtime dependency. */
    private static java.lang.reflect.Method profiler(String name, Class<?>... parameters) throws ReflectiveOperationException {
        return Class.forName("ai.djl.pytorch.jni.JniUtils").getMethod(name, parameters);
    }

    /** Seconds for {@code reps} products of two n×n float32 matrices, each finished before the clock stops. */
    private static double productSeconds(NDArray a, NDArray b, int reps) {
        long started = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            try (NDArray product = a.matMul(b); NDArray corner = product.get(0, 0)) {
                // Reading one element back waits for the product on a GPU (kernels there run asynchronously).
                corner.getFloat();
            }
        }
        return (System.nanoTime() - started) / 1e9;
    }

    /**
     * Byte-level packed data shaped like a mixture's: examples of 40–400 bytes (prompt, then a short target
     * with the loss on it, then EOS), as many as fit per sequence; the tail is padding.
     */
    static Path pack(Path dir, int length, int sequences, Random random) {
        Tokenizer tokenizer = new ByteTokenizer();
        String alphabet = "abcdefghijklmnopqrstuvwxyz     ,.?\n";
        try (PackedDatasetWriter writer = new PackedDatasetWriter(dir, length, tokenizer.vocabSize(),
                tokenizer.eosId(), tokenizer.padId(), tokenizer.id())) {
            for (int s = 0; s < sequences; s++) {
                int[] tokens = new int[length];
                byte[] mask = new byte[length];
                int[] segments = new int[length];
                Arrays.fill(tokens, tokenizer.padId());
                int used = 0;
                int segment = 0;
                while (true) {
                    int prompt = 30 + random.nextInt(330);
                    int target = 1 + random.nextInt(40);
                    if (used + prompt + target + 1 > length) {
                        break;
                    }
                    segment++;
                    for (int i = 0; i < prompt + target; i++) {
                        tokens[used] = alphabet.charAt(random.nextInt(alphabet.length()));
                        mask[used] = (byte) (i >= prompt ? 1 : 0);
                        segments[used++] = segment;
                    }
                    tokens[used] = tokenizer.eosId();
                    mask[used] = 1;
                    segments[used++] = segment;
                }
                if (segment == 0) {
                    // A sequence shorter than the shortest example holds one left-truncated example.
                    for (int i = 0; i < length; i++) {
                        tokens[i] = alphabet.charAt(random.nextInt(alphabet.length()));
                        mask[i] = (byte) (i >= length / 2 ? 1 : 0);
                        segments[i] = 1;
                    }
                }
                writer.write(new PackedSequence(tokens, mask, segments));
            }
        }
        return dir;
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>(DEFAULTS);
        List<String> problems = new ArrayList<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String key = eq < 0 ? arg : arg.substring(0, eq);
            if (eq < 0 || !DEFAULTS.containsKey(key)) {
                problems.add("'" + arg + "': expected key=value with key one of " + DEFAULTS.keySet());
            } else {
                options.put(key, arg.substring(eq + 1));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        return options;
    }

    private static int integer(Map<String, String> options, String key) {
        try {
            return Integer.parseInt(options.get(key).strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": expected an integer, was '" + options.get(key) + "'", e);
        }
    }

    private static int positive(Map<String, String> options, String key) {
        int value = integer(options, key);
        if (value < 1) {
            throw new IllegalArgumentException(key + ": must be ≥ 1, was " + value);
        }
        return value;
    }

    /** {@code {"min":..,"median":..,"max":..}} of the values times {@code scale}. */
    private static String range(double[] values, double scale, String format) {
        double[] sorted = Arrays.stream(values).map(v -> v * scale).sorted().toArray();
        return String.format(Locale.ROOT, "{\"min\":" + format + ",\"median\":" + format + ",\"max\":" + format + "}",
                sorted[0], sorted[sorted.length / 2], sorted[sorted.length - 1]);
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
