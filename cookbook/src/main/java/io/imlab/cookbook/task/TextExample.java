package io.imlab.cookbook.task;

/**
 * A source/target pair outside the task structure: chain-of-thought examples (source = question,
 * target = rationale then answer), and dialogue or pre-training text (empty source: the whole text is
 * the target, OPT-IML Table 6).
 */
public record TextExample(String source, String target) {
    public TextExample {
        source = source == null ? "" : source;
        if (target == null || target.isEmpty()) {
            throw new IllegalArgumentException("text example needs a non-empty target");
        }
    }
}
