package io.imlab.cookbook.mixture;

/**
 * Requested versus realized share of one part of a mixture.
 *
 * @param requested share of the whole mixture the recipe asked for
 * @param realized  share of the examples actually written
 * @param examples  examples actually written
 */
public record ShareStats(double requested, double realized, long examples) {
}
