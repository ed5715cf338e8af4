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
    /** Between MetaICL demonstrations, and between the last one and the example (OPT-IML §4.2, Table 8). */
    public static final String DEMONSTRATION_SEPARATOR = "\n\n\n";

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
     * A MetaICL training prompt (OPT-IML §4.2, Table 8): the instance preceded by other instances of its
     * task as demonstrations, each rendered with the example's template and delimiter and followed by its
     * target, separated by {@link #DEMONSTRATION_SEPARATOR}. For task-level instructions the definition
     * comes first (§2.4). With no demonstrations this is exactly {@link #format(Task, Instance, Random)}
     * and draws the same random numbers.
     *
     * @param lossOnDemonstrations the paper's "sf" (suffix loss) variant: the target starts at the first
     *                             demonstration's label, so the loss covers that label and everything
     *                             after it; otherwise only the instance's own target carries loss
     */
    public FormattedExample formatMetaIcl(Task task, Instance instance, List<Instance> demonstrations,
                                          boolean lossOnDemonstrations, Random random) {
        Template template = task.style() == InstructionStyle.INSTANCE_LEVEL
                ? task.templates().get(random.nextInt(task.templates().size()))
                : null;
        String delimiter = DELIMITERS.get(random.nextInt(DELIMITERS.size()));
        String header = task.style() == InstructionStyle.TASK_LEVEL && !task.definition().isBlank()
                ? DEFINITION_PREFIX + task.definition().strip() + PART_SEPARATOR
                : "";
        String query = prompt(task, template, instance.input(), delimiter);
        if (demonstrations.isEmpty()) {
            return new FormattedExample(header + query, " " + instance.target());
        }
        List<String> shots = new ArrayList<>(demonstrations.size());
        for (Instance demonstration : demonstrations) {
            shots.add(prompt(task, template, demonstration.input(), delimiter) + " " + demonstration.target());
        }
        if (!lossOnDemonstrations) {
            String source = header + String.join(DEMONSTRATION_SEPARATOR, shots) + DEMONSTRATION_SEPARATOR + query;
            return new FormattedExample(source, " " + instance.target());
        }
        String firstPrompt = prompt(task, template, demonstrations.get(0).input(), delimiter);
        StringBuilder target = new StringBuilder(" ").append(demonstrations.get(0).target());
        for (int i = 1; i < shots.size(); i++) {
            target.append(DEMONSTRATION_SEPARATOR).append(shots.get(i));
        }
        target.append(DEMONSTRATION_SEPARATOR).append(query).append(' ').append(instance.target());
        return new FormattedExample(header + firstPrompt, target.toString());
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
