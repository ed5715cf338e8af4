package io.imlab.cookbook.mixture;

import io.imlab.cookbook.task.Demonstration;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Turns a task instance into a {@link FormattedExample} in the unified OPT-IML format (§2.2, §2.4,
 * Table 2):
 * <ul>
 *   <li>{@link InstructionStyle#TASK_LEVEL}: {@code "Definition: <definition>\n\n"}, then the
 *       demonstrations, then {@code "Input: <input>"};</li>
 *   <li>{@link InstructionStyle#INSTANCE_LEVEL}: one of the task's templates, drawn at random per
 *       example, applied to the input; demonstrations go before it;</li>
 *   <li>{@link InstructionStyle#KEYWORD}: {@code "<instruction sentence>\n<input>"}; demonstrations go
 *       before it.</li>
 * </ul>
 * A delimiter drawn per example from {@link #DELIMITERS} separates instruction and output unless the
 * prompt already ends with ':'. Each demonstration is rendered with the same template and delimiter and
 * followed by its output; prompt parts are separated by blank lines.
 *
 * <p>Stateless and thread-safe; all randomness comes from the caller's {@link Random}, drawn in a fixed
 * order (template, then delimiter) so that a seed fixes the prompt.
 */
public final class PromptFormatter {

    /**
     * The eight delimiters sampled per example to mitigate overfitting to one format (OPT-IML §2.4).
     * The paper prints the last one as {@code "\output:"}, a typo for {@code "\noutput:"}.
     */
    public static final List<String> DELIMITERS = List.of(
            "\nAnswer:", " Answer:", "\nA:", " A:", "\nOutput:", " Output:", "\nanswer:", "\noutput:");

    static final String DEFINITION_PREFIX = "Definition: ";
    static final String INPUT_PREFIX = "Input: ";
    static final String PART_SEPARATOR = "\n\n";

    /** Zero-shot prompt for one instance. */
    public FormattedExample format(Task task, Instance instance, Random random) {
        return format(task, instance, List.of(), random);
    }

    /**
     * Few-shot prompt for one instance: demonstrations after the definition for task-level
     * instructions, before the example for instance-level and keyword prompts (OPT-IML §2.4).
     */
    public FormattedExample format(Task task, Instance instance, List<Demonstration> demonstrations, Random random) {
        int template = task.style() == InstructionStyle.INSTANCE_LEVEL ? random.nextInt(task.templates().size()) : 0;
        String delimiter = DELIMITERS.get(random.nextInt(DELIMITERS.size()));
        return format(task, instance, demonstrations, template, delimiter);
    }

    /**
     * The prompt with a chosen template (an index into {@code task.templates()}, ignored for tasks
     * without templates) and delimiter, e.g. to measure how much a score depends on them.
     */
    public FormattedExample format(Task task, Instance instance, List<Demonstration> demonstrations,
                                   int templateIndex, String delimiter) {
        Template template = task.style() == InstructionStyle.INSTANCE_LEVEL ? task.templates().get(templateIndex) : null;
        List<String> parts = new ArrayList<>(demonstrations.size() + 2);
        if (task.style() == InstructionStyle.TASK_LEVEL && !task.definition().isBlank()) {
            parts.add(DEFINITION_PREFIX + task.definition().strip());
        }
        for (Demonstration demonstration : demonstrations) {
            parts.add(prompt(task, template, demonstration.input(), delimiter) + " " + demonstration.output());
        }
        parts.add(prompt(task, template, instance.input(), delimiter));
        return new FormattedExample(String.join(PART_SEPARATOR, parts), " " + instance.target());
    }

    /**
     * One prompt per instance, each with its own template and delimiter (OPT-IML §4.1 prompt mixing): a
     * task with N instances and several templates contributes N prompts, never N per template, so
     * multi-template tasks are not up-weighted.
     */
    public List<FormattedExample> formatAll(Task task, Random random) {
        List<FormattedExample> examples = new ArrayList<>(task.instances().size());
        for (Instance instance : task.instances()) {
            examples.add(format(task, instance, random));
        }
        return examples;
    }

    private static String prompt(Task task, Template template, String input, String delimiter) {
        String instruction = switch (task.style()) {
            case TASK_LEVEL -> INPUT_PREFIX + input;
            case INSTANCE_LEVEL -> template.apply(input);
            case KEYWORD -> task.definition().isBlank() ? input : task.definition().strip() + "\n" + input;
        };
        return withDelimiter(instruction, delimiter);
    }

    /** No delimiter when the instruction already ends with ':' (OPT-IML §2.4). */
    static String withDelimiter(String instruction, String delimiter) {
        String trimmed = instruction.stripTrailing();
        return trimmed.endsWith(":") ? trimmed : trimmed + delimiter;
    }
}
