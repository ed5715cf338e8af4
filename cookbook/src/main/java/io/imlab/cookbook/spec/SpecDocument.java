package io.imlab.cookbook.spec;

/**
 * A loaded, validated spec file: either one experiment or an ablation grid.
 */
public sealed interface SpecDocument permits ExperimentDocument, GridDocument {
    /** The file (or other source name) it was loaded from. */
    String source();
}
