package io.imlab.benchmarks;

import io.imlab.cookbook.mixture.MixtureBuilder;
import io.imlab.cookbook.mixture.MixtureStats;
import io.imlab.cookbook.spec.RecipeSpec;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Heap after GC while {@link MixtureBuilder} writes mixtures of growing size (1x, 10x): the sampler, packer
 * and writers keep state per task, not per example, so the retained heap should stay flat. Prints one row
 * per size. Run by {@code benchmarks/run.sh}.
 */
public final class MixtureMemoryProbe {
    private MixtureMemoryProbe() {
    }

    public static void main(String[] args) throws IOException {
        String kind = args.length > 0 ? args[0] : "byte";
        int base = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        MixtureWorkload workload = new MixtureWorkload(kind, 2048);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        System.out.printf(Locale.ROOT, "%-10s %10s %10s %14s %14s %14s %9s%n", "tokenizer", "sequences", "examples",
                "heap@start", "heap@50%", "heap@100%", "seconds");
        for (int factor : new int[] {1, 10}) {
            int sequences = base * factor;
            RecipeSpec recipe = new RecipeSpec(1, 4096, java.util.Map.of(), 0.01, 0, 0.05, 2048, sequences);
            Path dir = Files.createTempDirectory("imlab-memory-probe");
            long[] heap = new long[3];
            heap[0] = heapAfterGc(memory);
            long started = System.nanoTime();
            MixtureStats stats = new MixtureBuilder().build(workload.split().trainTasks(), workload.bench().pools(), recipe,
                    workload.tokenizer(), dir.resolve("mixture"), (written, total) -> {
                        if (written == total / 2) {
                            heap[1] = heapAfterGc(memory);
                        } else if (written == total) {
                            heap[2] = heapAfterGc(memory);
                        }
                    });
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(Locale.ROOT, "%-10s %10d %10d %11.1f MB %11.1f MB %11.1f MB %9.1f%n", kind, sequences,
                    stats.examples(), heap[0] / 1e6, heap[1] / 1e6, heap[2] / 1e6, seconds);
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    private static long heapAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
