package io.imlab.cookbook.spec;

/**
 * A Super-NaturalInstructions task folder.
 *
 * @param tasks folder of {@code taskNNN_*.json} files (the natural-instructions repository's {@code tasks/})
 */
public record SuperNaturalInstructionsSpec(String tasks) {
}
