package io.imlab.cookbook.mixture;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a mixture holds, against what its recipe asked for ({@code stats.json}). Shares count examples,
 * as metaseq samples examples, not tokens.
 *
 * @param examples           examples written
 * @param byKind             task mixture and each pool kind, keyed by {@link ExampleKind#wireName()}
 * @param byCollection       each collection's share of the whole mixture
 * @param examplesByCategory task examples written per category
 * @param tasksSampled       distinct tasks with at least one example written
 * @param packing            packing totals; {@code null} when the stats describe a sample stream only
 * @param byCategory         each category's share of the whole mixture, requested and realized
 * @param examplesByShots    task examples written per number of MetaICL demonstrations (OPT-IML Table 8)
 * @param tasksPlanned       tasks the plan samples from (after the recipe's subset)
 */
public record MixtureStats(
        long examples,
        Map<String, ShareStats> byKind,
        Map<String, ShareStats> byCollection,
        Map<String, Long> examplesByCategory,
        int tasksSampled,
        PackingStats packing,
        Map<String, ShareStats> byCategory,
        Map<Integer, Long> examplesByShots,
        int tasksPlanned) {

    public MixtureStats {
        // Sorted so that stats.json is byte-identical for the same mixture.
        byKind = sorted(byKind);
        byCollection = sorted(byCollection);
        examplesByCategory = sorted(examplesByCategory);
        byCategory = sorted(byCategory);
        examplesByShots = sorted(examplesByShots);
    }

    private static <K, V> Map<K, V> sorted(Map<K, V> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(map));
    }
}
