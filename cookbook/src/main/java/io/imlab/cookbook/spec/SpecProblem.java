package io.imlab.cookbook.spec;

import java.util.Objects;

/**
 * One thing wrong with a spec file, located by its field path.
 *
 * @param path    dotted field path, e.g. {@code recipe.collectionShares.flan}; list elements as
 *                {@code splits.heldOutCategories[1]}; grid cells as {@code grid.cells[cotShare=0.5].recipe};
 *                {@value #ROOT} for the document as a whole
 * @param message what is wrong and what is expected, e.g. {@code must be between 0 and 1}
 */
public record SpecProblem(String path, String message) {
    /** Path used for problems with the document as a whole (not YAML, not a mapping, …). */
    public static final String ROOT = "<document>";

    public SpecProblem {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    /** {@code path: message}, the form printed to users. */
    @Override
    public String toString() {
        return path + ": " + message;
    }
}
