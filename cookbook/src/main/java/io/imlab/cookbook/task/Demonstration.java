package io.imlab.cookbook.task;

/**
 * A worked example shown in a task-level instruction (SuperNI's positive and negative examples).
 *
 * @param input       example input
 * @param output      example output
 * @param explanation why the output is right (or wrong); may be empty
 */
public record Demonstration(String input, String output, String explanation) {
    public Demonstration {
        explanation = explanation == null ? "" : explanation;
    }
}
