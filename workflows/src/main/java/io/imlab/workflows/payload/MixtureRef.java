package io.imlab.workflows.payload;

import java.util.Map;

/**
 * A packed training mixture in the object store.
 *
 * @param uri            folder holding the packed sequences and {@code manifest.json}
 * @param hash           content hash of the bench hash, recipe and code format version
 * @param sequences      packed sequences written
 * @param tokens         tokens in them
 * @param realizedShares share of target tokens by source as actually sampled, keyed by collection id
 *                       or pool ({@code cot}, {@code dialogue}, {@code plainText}); small by construction
 * @param cached         whether an existing mixture with this hash was reused
 */
public record MixtureRef(String uri, String hash, int sequences, long tokens, Map<String, Double> realizedShares,
                         boolean cached) {
    public MixtureRef {
        realizedShares = realizedShares == null ? Map.of() : Map.copyOf(realizedShares);
    }
}
