package io.imlab.cookbook.bench;

import java.util.Objects;

/**
 * One example drawn from a {@link TaskFamily}'s rule.
 *
 * @param input     the instance input
 * @param answer    the short reference answer (a label for closed-label families)
 * @param rationale a step-by-step explanation ending just before the answer; empty when the family has
 *                  no reasoning variant
 */
public record FamilyExample(String input, String answer, String rationale) {
    public FamilyExample {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(answer, "answer");
        rationale = rationale == null ? "" : rationale;
    }

    public FamilyExample(String input, String answer) {
        this(input, answer, "");
    }

    /** The chain-of-thought target used by the Reasoning collection: rationale, then the answer sentence. */
    public String reasoningTarget() {
        return rationale.isEmpty() ? answer : rationale + " So the answer is " + answer + ".";
    }
}
