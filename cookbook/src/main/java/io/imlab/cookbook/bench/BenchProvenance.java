package io.imlab.cookbook.bench;

import io.imlab.cookbook.leakage.LeakageReport;

import java.util.List;

/**
 * How a bench came to be, written next to its tasks: the content hash that names it, the source, the tasks
 * left out before the split and the leakage report against the split.
 *
 * @param hash    the bench's content hash (inputs' bytes, specs, format)
 * @param source  {@code mini} or {@code collections}
 * @param dropped tasks left out by the keyword-collection de-duplication
 * @param capped  tasks cut to the per-task cap
 * @param leakage the 13-gram overlap report, or {@code null} when not checked
 */
public record BenchProvenance(String hash, String source, List<DroppedTask> dropped, List<CappedTask> capped,
                              LeakageReport leakage) {
    public BenchProvenance {
        dropped = List.copyOf(dropped);
        capped = List.copyOf(capped);
    }

    /** Nothing known: a bench written directly from a split. */
    public static BenchProvenance none() {
        return new BenchProvenance("", "", List.of(), List.of(), null);
    }
}
