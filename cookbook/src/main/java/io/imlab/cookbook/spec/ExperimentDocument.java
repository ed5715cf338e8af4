package io.imlab.cookbook.spec;

/**
 * A spec file that describes one experiment.
 *
 * @param source     the file it was loaded from
 * @param experiment the experiment, every default filled in
 */
public record ExperimentDocument(String source, ExperimentSpec experiment) implements SpecDocument {
}
