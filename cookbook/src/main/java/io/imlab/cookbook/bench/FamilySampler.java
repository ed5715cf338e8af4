package io.imlab.cookbook.bench;

import java.util.random.RandomGenerator;

/** Draws one example of a task family's rule. */
@FunctionalInterface
public interface FamilySampler {
    /**
     * @param random     the only source of randomness, so that a seed fixes the output
     * @param labelIndex for closed-label families, the index of the label the example must carry (the
     *                   generator cycles it to keep labels balanced); ignored by generation families
     */
    FamilyExample sample(RandomGenerator random, int labelIndex);
}
