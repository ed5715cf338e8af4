package io.imlab.cookbook.split;

import java.nio.charset.StandardCharsets;

/**
 * Derives random seeds from a base seed and names. Seeding each task, family or data source from its
 * own name (rather than from its position in a list) keeps every other choice unchanged when a task is
 * added or removed, so splits and generated data stay comparable across bench versions.
 */
public final class StableSeeds {
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private StableSeeds() {
    }

    /**
     * A seed for the given base seed and name parts: FNV-1a over the UTF-8 bytes of the parts, mixed
     * with the base seed by SplitMix64's finalizer. Same inputs, same seed, on every JVM.
     */
    public static long derive(long seed, String... parts) {
        long hash = FNV_OFFSET;
        for (String part : parts) {
            int length = part.length();
            for (int i = 0; i < length; i++) {
                char c = part.charAt(i);
                if (c < 0x80) {
                    // the UTF-8 byte of an ASCII char is the char: no encoding pass for the common case
                    hash ^= c;
                    hash *= FNV_PRIME;
                } else {
                    hash = hashUtf8(hash, part, i);
                    break;
                }
            }
            // a separator byte so that ("ab", "c") and ("a", "bc") differ
            hash ^= 0x1f;
            hash *= FNV_PRIME;
        }
        return mix(hash ^ mix(seed));
    }

    /** Continues FNV-1a over the UTF-8 bytes of {@code part} from index {@code from}. */
    private static long hashUtf8(long hash, String part, int from) {
        for (byte b : part.substring(from).getBytes(StandardCharsets.UTF_8)) {
            hash ^= b & 0xff;
            hash *= FNV_PRIME;
        }
        return hash;
    }

    /** SplitMix64's finalizer: spreads a value over all 64 bits. */
    public static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
