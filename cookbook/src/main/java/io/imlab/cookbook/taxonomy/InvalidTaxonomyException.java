package io.imlab.cookbook.taxonomy;

import java.util.List;

/** A category map that sends tags to names that are not categories; lists every such tag. */
public final class InvalidTaxonomyException extends RuntimeException {
    private final List<String> problems;

    public InvalidTaxonomyException(List<String> problems) {
        super("invalid category map (" + problems.size() + " problems):\n  " + String.join("\n  ", problems));
        this.problems = List.copyOf(problems);
    }

    /** Each problem as {@code file: field.path: message}. */
    public List<String> problems() {
        return problems;
    }
}
