package io.imlab.trainer.model;

import ai.djl.ndarray.NDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Every layer's attention keys and values for a run of tokens, each {@code (B, H, T, hd)}: what a
 * decoder needs to process later tokens without re-reading the earlier ones. Inference only.
 */
public final class KeyValueCache {
    private final List<NDArray> keys;
    private final List<NDArray> values;

    KeyValueCache(List<NDArray> keys, List<NDArray> values) {
        this.keys = List.copyOf(keys);
        this.values = List.copyOf(values);
    }

    /** Cached positions. */
    public int length() {
        return (int) keys.get(0).getShape().get(2);
    }

    NDArray keys(int layer) {
        return keys.get(layer);
    }

    NDArray values(int layer) {
        return values.get(layer);
    }

    /** This cache followed by {@code next} (same batch), e.g. after one generated token. */
    public KeyValueCache append(KeyValueCache next) {
        List<NDArray> k = new ArrayList<>(keys.size());
        List<NDArray> v = new ArrayList<>(values.size());
        for (int layer = 0; layer < keys.size(); layer++) {
            k.add(keys.get(layer).concat(next.keys.get(layer), 2));
            v.add(values.get(layer).concat(next.values.get(layer), 2));
        }
        return new KeyValueCache(k, v);
    }

    /** Keeps the cached arrays alive when the {@link ai.djl.ndarray.NDScope} they were made in closes. */
    public void outliveScope() {
        keys.forEach(ai.djl.ndarray.NDScope::unregister);
        values.forEach(ai.djl.ndarray.NDScope::unregister);
    }

    /** Frees the cached arrays now rather than when their manager closes. */
    public void close() {
        keys.forEach(NDArray::close);
        values.forEach(NDArray::close);
    }
}
