package io.imlab.cookbook.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.imlab.cookbook.leakage.LeakageReport;
import io.imlab.cookbook.leakage.NgramOverlapChecker;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.Taxonomy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Measures SuperNI ingest (+ the 13-gram leakage check) against a bare Jackson streaming parse of the same
 * files, in one JVM run: the throughput target is at least 50% of the bare parse. Not a test (no
 * timing assertions run in the build); run it as documented in {@code docs/bench-ingest.md}:
 *
 * <pre>
 * mvn -o -q -pl cookbook test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp cookbook/target/test-classes:cookbook/target/classes:$(cat /tmp/cp.txt) \
 *     io.imlab.cookbook.ingest.IngestThroughputMeasurement ../shared/data/supernatural
 * </pre>
 */
public final class IngestThroughputMeasurement {
    private static final int WARMUP = 3;
    private static final int ROUNDS = 9;

    private IngestThroughputMeasurement() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : "../shared/data/supernatural");
        List<Path> files = SuperNaturalInstructionsReader.taskFiles(root.resolve("tasks"));
        Set<String> test = new HashSet<>(Files.readAllLines(root.resolve("splits/default/test_tasks.txt")).stream().map(String::strip).toList());
        long bytes = 0;
        for (Path file : files) {
            bytes += Files.size(file);
        }
        System.out.printf(Locale.ROOT, "%d files, %.1f MiB, Java %s, %d processors%n", files.size(), bytes / 1048576.0,
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());

        // The taxonomy is loaded once per run, not per byte: kept out of the timed loop.
        SuperNaturalInstructionsReader reader = new SuperNaturalInstructionsReader(new CategoryResolver(Taxonomy.load()));
        // The variants run interleaved, round by round, so that load from other processes hits them alike.
        Run[] runs = {
            () -> bareParse(files, false),
            () -> bareParse(files, true),
            () -> ingest(reader, files, test, false),
            () -> ingest(reader, files, test, true)};
        double[][] seconds = new double[runs.length][ROUNDS];
        long sink = 0;
        for (int round = -WARMUP; round < ROUNDS; round++) {
            for (int r = 0; r < runs.length; r++) {
                long start = System.nanoTime();
                sink += runs[r].run();
                if (round >= 0) {
                    seconds[r][round] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        if (sink == 42) {
            System.out.println();   // keeps the work observable
        }
        String[] names = {"bare Jackson streaming parse (tokens only)", "bare Jackson streaming parse (+ getText)",
            "SuperNI ingest -> Task", "SuperNI ingest + 13-gram leakage check"};
        double baselineMedian = median(seconds[1]);
        double baselineMin = min(seconds[1]);
        System.out.printf(Locale.ROOT, "%-44s %8s %8s %9s %8s %8s%n", "run (" + ROUNDS + " rounds)", "median s", "min s",
                "MiB/s med", "vs bare", "(by min)");
        for (int r = 0; r < runs.length; r++) {
            double median = median(seconds[r]);
            double min = min(seconds[r]);
            System.out.printf(Locale.ROOT, "%-44s %8.3f %8.3f %9.1f %7.0f%% %7.0f%%%n", names[r], median, min,
                    bytes / 1048576.0 / median, 100 * baselineMedian / median, 100 * baselineMin / min);
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

    /** Reads each file and walks every token, optionally materializing every string value. */
    private static long bareParse(List<Path> files, boolean strings) throws IOException {
        JsonFactory json = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        long total = 0;
        for (Path file : files) {
            try (JsonParser parser = json.createParser(Files.readAllBytes(file))) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    total += strings && token == JsonToken.VALUE_STRING ? parser.getText().length() : 1;
                }
            }
        }
        return total;
    }

    /** Ingests every task one at a time; with leakage, indexes the test tasks first, then checks the others as they stream. */
    private static long ingest(SuperNaturalInstructionsReader reader, List<Path> files, Set<String> test, boolean leakage) {
        NgramOverlapChecker checker = new NgramOverlapChecker();
        long instances = 0;
        for (Path file : files) {
            if (test.contains(file.getFileName().toString().replace(".json", ""))) {
                Task task = reader.read(file);
                instances += task.instances().size();
                if (leakage) {
                    checker.addEvalTask(task);
                }
            }
        }
        for (Path file : files) {
            if (!test.contains(file.getFileName().toString().replace(".json", ""))) {
                Task task = reader.read(file);
                instances += task.instances().size();
                if (leakage) {
                    checker.checkTrainTask(task);
                }
            }
        }
        if (leakage) {
            LeakageReport report = checker.report();
            instances += report.flagged().size();
        }
        return instances;
    }
}
