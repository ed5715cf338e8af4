package io.imlab.cookbook.mixture;

import io.imlab.cookbook.task.PoolKind;

import java.util.Locale;

/** Where a mixture example came from: a training task, or one of the extra pools (OPT-IML §4.2). */
public enum ExampleKind {
    TASK(null),
    COT(PoolKind.COT),
    DIALOGUE(PoolKind.DIALOGUE),
    PLAIN_TEXT(PoolKind.PLAIN_TEXT);

    private final PoolKind pool;

    ExampleKind(PoolKind pool) {
        this.pool = pool;
    }

    public static ExampleKind of(PoolKind pool) {
        for (ExampleKind kind : values()) {
            if (kind.pool == pool) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no example kind for pool " + pool);
    }

    /** The pool this kind is drawn from, or {@code null} for {@link #TASK}. */
    public PoolKind pool() {
        return pool;
    }

    /** The name used in {@code examples.jsonl} and {@code stats.json}, e.g. {@code plain_text}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
