package io.imlab.cookbook.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.imlab.cookbook.ingest.BenchIngest;
import io.imlab.cookbook.ingest.SuperNaturalInstructionsReader;
import io.imlab.cookbook.spec.BenchCollectionsSpec;
import io.imlab.cookbook.spec.BenchInputs;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.ExperimentSpec;
import io.imlab.cookbook.spec.SpecLoader;
import io.imlab.cookbook.spec.TextPoolsSpec;
import io.imlab.cookbook.taxonomy.Taxonomy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures what {@code imlab bench build} does before writing (ingest + caps + split + 13-gram check, i.e.
 * {@link BenchBuilder#prepare}), in two passes and in memory, and the whole two-pass build with the writing, on the
 * 120 shared SuperNI tasks, against a bare Jackson streaming parse of the same files in the same run (the issue's
 * target: at least 50%); then the heap retained at the split and at the writing, both ways. The split is
 * {@code examples/bench-superni.yaml}'s.
 * Not a test (no timing assertions run in the build); run it as documented in {@code docs/bench-ingest.md}:
 *
 * <pre>
 * mvn -o -q -pl cookbook test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp cookbook/target/test-classes:cookbook/target/classes:$(cat /tmp/cp.txt) \
 *     io.imlab.cookbook.bench.BenchBuildThroughputMeasurement ../shared/data examples/bench-superni.yaml
 * </pre>
 */
public final class BenchBuildThroughputMeasurement {
    private static final int WARMUP = 3;
    private static final int ROUNDS = Integer.getInteger("rounds", 15);

    private BenchBuildThroughputMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args.length > 0 ? args[0] : "../shared/data").toAbsolutePath();
        Path example = Path.of(args.length > 1 ? args[1] : "examples/bench-superni.yaml");
        ExperimentSpec spec = SpecLoader.loadExperiment(example, data);
        // the SuperNI files only, so both sides read exactly the same bytes
        BenchSpec bench = new BenchSpec(spec.bench().source(), spec.bench().seed(), 1, 1, spec.bench().dataRoot(),
                new BenchCollectionsSpec(spec.bench().collections().supernatural(), List.of(), List.of(), List.of(), false,
                        TextPoolsSpec.none()), null, spec.bench().maxInstancesPerTask(), spec.bench().maxInstancesPerTaskByCollection());
        BenchInputs inputs = BenchInputs.resolve(bench, Path.of(""));
        List<Path> files = SuperNaturalInstructionsReader.taskFiles(inputs.supernaturalTasks());
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        System.out.printf(Locale.ROOT, "%d files, %.1f MiB, Java %s, %d processors%n", files.size(), bytes / 1048576.0,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        Taxonomy taxonomy = Taxonomy.load();
        StepTimes steps = new StepTimes();
        StepTimes inMemorySteps = new StepTimes();
        StepTimes buildSteps = new StepTimes();
        BenchBuilder builder = new BenchBuilder(steps);
        BenchBuilder inMemory = BenchBuilder.inMemory(inMemorySteps);
        BenchBuilder fullBuilder = new BenchBuilder(buildSteps);
        Path out = Files.createTempDirectory("bench-build-measurement");
        int[] built = {0};
        Run[] runs = {
            () -> bareParse(files),
            () -> {
                BenchIngest ingest = new BenchIngest(taxonomy);
                files.forEach(ingest::addSuperNaturalInstructionsTask);
                return ingest.build("x").bench().tasks().size();
            },
            () -> {
                inMemorySteps.start();
                BenchBuilder.Prepared prepared = inMemory.prepare(bench, spec.splits(), inputs);
                inMemorySteps.stop();
                return prepared.plan().trainTasks().size() + prepared.leakage().flagged().size();
            },
            () -> {
                steps.start();
                BenchBuilder.Prepared prepared = builder.prepare(bench, spec.splits(), inputs);
                steps.stop();
                return prepared.plan().trainTasks().size() + prepared.leakage().flagged().size();
            },
            () -> {
                buildSteps.start();
                BenchBuilder.Result result = fullBuilder.build(bench, spec.splits(), inputs, "measurement",
                        out.resolve("bench-" + built[0]++));
                buildSteps.stop();
                return result.summary().tasks().size();
            }};
        String[] names = {"bare Jackson streaming parse (+ getText)", "SuperNI ingest -> Task",
            "prepare, in memory (before)", "prepare, two passes", "build, two passes (+ writing)"};
        double[][] seconds = new double[runs.length][ROUNDS];
        double[][] cpuSeconds = new double[runs.length][ROUNDS];
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long sink = 0;
        for (int round = -WARMUP; round < ROUNDS; round++) {
            for (int r = 0; r < runs.length; r++) {
                // process CPU time as well: on a shared machine wall time also measures the neighbours
                long cpuStart = os.getProcessCpuTime();
                long start = System.nanoTime();
                sink += runs[r].run();
                if (round >= 0) {
                    seconds[r][round] = (System.nanoTime() - start) / 1e9;
                    cpuSeconds[r][round] = (os.getProcessCpuTime() - cpuStart) / 1e9;
                }
            }
            BenchBuilder.deleteRecursively(out.resolve("bench-" + (built[0] - 1)));
            if (round >= 0) {
                steps.record();
                inMemorySteps.record();
                buildSteps.record();
            }
        }
        BenchBuilder.deleteRecursively(out);
        if (sink == 42) {
            System.out.println();
        }
        double baselineMedian = median(seconds[0]);
        double baselineMin = min(seconds[0]);
        double baselineCpu = median(cpuSeconds[0]);
        System.out.printf(Locale.ROOT, "%-42s %8s %8s %9s %8s %8s %8s %8s%n", "run (" + ROUNDS + " rounds)", "median s", "min s",
                "MiB/s med", "vs bare", "(by min)", "cpu s", "(vs bare)");
        for (int r = 0; r < runs.length; r++) {
            System.out.printf(Locale.ROOT, "%-42s %8.3f %8.3f %9.1f %7.0f%% %7.0f%% %8.3f %7.0f%%%n", names[r], median(seconds[r]),
                    min(seconds[r]), bytes / 1048576.0 / median(seconds[r]), 100 * baselineMedian / median(seconds[r]),
                    100 * baselineMin / min(seconds[r]), median(cpuSeconds[r]), 100 * baselineCpu / median(cpuSeconds[r]));
        }
        System.out.println("steps, prepare in memory (median s):");
        inMemorySteps.medians().forEach((step, s) -> System.out.printf(Locale.ROOT, "  %-70s %8.3f%n", step, s));
        System.out.println("steps, prepare in two passes (median s):");
        steps.medians().forEach((step, s) -> System.out.printf(Locale.ROOT, "  %-70s %8.3f%n", step, s));
        System.out.println("steps, build in two passes (median s):");
        buildSteps.medians().forEach((step, s) -> System.out.printf(Locale.ROOT, "  %-70s %8.3f%n", step, s));

        // memory: the heap still reachable (after full GCs) when the split starts, and when writing starts
        System.out.println("retained heap after GC (MiB), before ingest / at the split / at writing:");
        for (boolean twoPass : new boolean[] {false, true}) {
            HeapAtSteps heap = new HeapAtSteps();
            BenchBuilder measured = twoPass ? new BenchBuilder(heap) : BenchBuilder.inMemory(heap);
            heap.before = retainedMiB();
            BenchBuilder.Result result = measured.build(bench, spec.splits(), inputs, "measurement", out.resolve("heap"));
            BenchBuilder.deleteRecursively(out);
            System.out.printf(Locale.ROOT, "  %-28s %8.1f %8.1f %8.1f   (%d task files)%n", twoPass ? "two passes" : "in memory (before)",
                    heap.before, heap.atSplit, heap.atWriting, result.summary().tasks().size());
        }
    }

    /** Records the retained heap when the split and the writing start. */
    private static final class HeapAtSteps implements BenchBuildListener {
        double before;
        double atSplit;
        double atWriting;

        @Override
        public void step(String description) {
            if (description.startsWith("splitting")) {
                atSplit = retainedMiB();
            } else if (description.startsWith("writing")) {
                atWriting = retainedMiB();
            }
        }

        @Override
        public void ingested(int done, int total, Path file, long superNiInstances) {
        }
    }

    /** Used heap after full collections, in MiB: what is still reachable. */
    private static double retainedMiB() {
        java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /** Times the builder's steps from its listener callbacks. */
    private static final class StepTimes implements BenchBuildListener {
        private final Map<String, List<Double>> times = new LinkedHashMap<>();
        private final List<String> names = new ArrayList<>();
        private final List<Long> starts = new ArrayList<>();
        private final List<String> lastNames = new ArrayList<>();
        private final List<Double> lastTimes = new ArrayList<>();

        void start() {
            names.clear();
            starts.clear();
            names.add("ingest");
            starts.add(System.nanoTime());
        }

        void stop() {
            starts.add(System.nanoTime());
            lastNames.clear();
            lastTimes.clear();
            for (int i = 0; i < names.size(); i++) {
                lastNames.add(names.get(i));
                lastTimes.add((starts.get(i + 1) - starts.get(i)) / 1e9);
            }
        }

        void record() {
            for (int i = 0; i < lastNames.size(); i++) {
                times.computeIfAbsent(lastNames.get(i), k -> new ArrayList<>()).add(lastTimes.get(i));
            }
        }

        Map<String, Double> medians() {
            Map<String, Double> out = new LinkedHashMap<>();
            times.forEach((k, v) -> out.put(k, median(v.stream().mapToDouble(Double::doubleValue).toArray())));
            return out;
        }

        @Override
        public void step(String description) {
            names.add(description);
            starts.add(System.nanoTime());
        }

        @Override
        public void ingested(int done, int total, Path file, long superNiInstances) {
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    @FunctionalInterface
    private interface Run {
        long run() throws IOException;
    }

    private static long bareParse(List<Path> files) throws IOException {
        JsonFactory json = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        long total = 0;
        for (Path file : files) {
            try (JsonParser parser = json.createParser(Files.readAllBytes(file))) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    total += token == JsonToken.VALUE_STRING ? parser.getText().length() : 1;
                }
            }
        }
        return total;
    }
}
