package io.imlab.cookbook.mixture;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts examples as they are committed to a mixture and turns the counts into {@link MixtureStats}
 * against a {@link MixturePlan}. Memory grows with tasks and categories, not with examples.
 */
public final class MixtureStatsRecorder {
    private final MixturePlan plan;
    private final Map<ExampleKind, Long> byKind = new TreeMap<>();
    private final Map<String, Long> byCollection = new TreeMap<>();
    private final Map<String, Long> byCategory = new TreeMap<>();
    private final Set<String> tasks = new HashSet<>();
    private final Map<Integer, Long> byShots = new TreeMap<>();
    private long examples;

    public MixtureStatsRecorder(MixturePlan plan) {
        this.plan = plan;
    }

    public void record(MixtureExample example) {
        examples++;
        byKind.merge(example.kind(), 1L, Long::sum);
        if (example.kind() == ExampleKind.TASK) {
            byCollection.merge(example.collection(), 1L, Long::sum);
            byCategory.merge(example.category(), 1L, Long::sum);
            tasks.add(example.task());
            byShots.merge(example.shots(), 1L, Long::sum);
        }
    }

    public long examples() {
        return examples;
    }

    /** Stats so far; every kind and collection of the plan appears, even with no example. */
    public MixtureStats stats(PackingStats packing) {
        Map<String, ShareStats> kinds = new TreeMap<>();
        for (ExampleKind kind : ExampleKind.values()) {
            long count = byKind.getOrDefault(kind, 0L);
            kinds.put(kind.wireName(), new ShareStats(plan.kindShares().getOrDefault(kind, 0.0), realized(count), count));
        }
        Map<String, ShareStats> collections = new TreeMap<>();
        plan.collectionShares().forEach((collection, share) -> {
            long count = byCollection.getOrDefault(collection, 0L);
            collections.put(collection, new ShareStats(share, realized(count), count));
        });
        Map<String, ShareStats> categories = new TreeMap<>();
        plan.categoryShares().forEach((category, share) -> {
            long count = byCategory.getOrDefault(category, 0L);
            categories.put(category, new ShareStats(share, realized(count), count));
        });
        return new MixtureStats(examples, kinds, collections, byCategory, tasks.size(), packing, categories, byShots,
                plan.tasks().size());
    }

    private double realized(long count) {
        return examples == 0 ? 0 : (double) count / examples;
    }
}
