package io.imlab.workflows;

import io.imlab.cookbook.bench.BenchWriter;
import io.imlab.cookbook.hash.ContentHash;
import io.imlab.cookbook.spec.BenchSpec;
import io.imlab.cookbook.spec.RecipeSpec;
import io.imlab.cookbook.spec.SplitSpec;

/**
 * Deterministic single-flight keys of shared artifacts, computed in workflow code from the spec (pure
 * {@link ContentHash}): two cells that need the same bench get the same flight id and so attach to one build.
 */
public final class ArtifactKeys {
    /** Bump when the mixture flight key must change although the recipe did not. */
    static final String MIXTURE_FLIGHT_VERSION = "imlab-mixture-flight-v1";

    private ArtifactKeys() {
    }

    /** The bench's content hash, the same one the bench activity names its folder by. */
    public static String benchHash(BenchSpec bench, SplitSpec splits) {
        return ContentHash.of(BenchWriter.FORMAT, bench, splits);
    }

    /**
     * The mixture flight's key: the bench hash and the recipe. (The mixture folder's own hash also covers the
     * tokenizer, which is fixed per worker deployment, so one key still means one folder.)
     */
    public static String mixtureKey(String benchHash, RecipeSpec recipe) {
        return ContentHash.of(MIXTURE_FLIGHT_VERSION, benchHash, recipe);
    }

    /**
     * The flight's workflow id, {@code <kind>/<hash>}; with {@code --no-cache}, {@code <kind>/<hash>/rebuild/<scope>}
     * so that one scope (a grid) rebuilds each artifact once while others keep using the cache.
     */
    public static String flightId(String kind, String hash, boolean rebuild, String scope) {
        return rebuild ? kind + "/" + hash + "/rebuild/" + scope : kind + "/" + hash;
    }
}
