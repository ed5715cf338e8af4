package io.imlab.cookbook.task;

/**
 * How a collection phrases its instructions (OPT-IML §2.2, Table 1).
 */
public enum InstructionStyle {
    /** One definition for the whole task, optionally with positive examples (SuperNI, Reasoning). */
    TASK_LEVEL,
    /** Several templates per task, each wrapping one instance (PromptSource, FLAN). */
    INSTANCE_LEVEL,
    /** No natural-language instruction upstream; a short keyword prompt or one hand-written sentence
     *  (CrossFit, ExMix, T5, UnifiedSKG). */
    KEYWORD
}
