package io.imlab.cookbook.mixture;

import java.util.Objects;

/**
 * One sampled training example.
 *
 * @param source     instructions and input; empty for dialogue and plain text (OPT-IML Table 6)
 * @param target     the tokens that carry the loss, with the leading space of task targets
 * @param kind       task or pool
 * @param task       task name; empty for pool examples
 * @param collection the task's collection; empty for pool examples
 * @param category   the task's category; empty for pool examples
 * @param shots      MetaICL demonstrations in the prompt (OPT-IML Table 8); 0 for zero-shot and pool examples
 */
public record MixtureExample(
        String source, String target, ExampleKind kind, String task, String collection, String category, int shots) {

    /** A zero-shot example. */
    public MixtureExample(String source, String target, ExampleKind kind, String task, String collection, String category) {
        this(source, target, kind, task, collection, category, 0);
    }

    public MixtureExample {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(kind, "kind");
        task = task == null ? "" : task;
        collection = collection == null ? "" : collection;
        category = category == null ? "" : category;
    }
}
