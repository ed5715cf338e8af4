package io.imlab.cookbook.split;

import java.util.Locale;

/**
 * The two evaluation splits of every generalization level (OPT-IML §2.4, Table 15): {@link #DEV} for
 * validation during the cookbook's ablations (at most 250 prompts per task), {@link #TEST} for final
 * numbers (every example kept).
 */
public enum EvalSplit {
    DEV, TEST;

    /** The lower-case id used in folder names, {@code bench.json} and specs ({@code dev}, {@code test}). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The split for an id from {@link #id()}. */
    public static EvalSplit fromId(String id) {
        for (EvalSplit split : values()) {
            if (split.id().equals(id)) {
                return split;
            }
        }
        throw new IllegalArgumentException("unknown evaluation split '" + id + "', expected dev or test");
    }
}
