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
        // One builder for the whole source: the parts are appended once, never concatenated into
        // intermediate strings (the mixture's hot path formats every sampled example).
        StringBuilder source = new StringBuilder(capacity(task, template, instance.input(), demonstrations.size()));
        if (task.style() == InstructionStyle.TASK_LEVEL && !task.definition().isBlank()) {
            source.append(DEFINITION_PREFIX).append(task.definition().strip());
        }
        for (Demonstration demonstration : demonstrations) {
            separate(source);
            appendPrompt(source, task, template, demonstration.input(), delimiter);
            source.append(' ').append(demonstration.output());
        }
        separate(source);
        appendPrompt(source, task, template, instance.input(), delimiter);
        return new FormattedExample(source.toString(), " " + instance.target());
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
        StringBuilder source = new StringBuilder(capacity(task, template, instance.input(), demonstrations.size()));
        if (task.style() == InstructionStyle.TASK_LEVEL && !task.definition().isBlank()) {
            source.append(DEFINITION_PREFIX).append(task.definition().strip()).append(PART_SEPARATOR);
        }
        if (demonstrations.isEmpty()) {
            appendPrompt(source, task, template, instance.input(), delimiter);
            return new FormattedExample(source.toString(), " " + instance.target());
        }
        if (!lossOnDemonstrations) {
            for (Instance demonstration : demonstrations) {
                appendPrompt(source, task, template, demonstration.input(), delimiter);
                source.append(' ').append(demonstration.target()).append(DEMONSTRATION_SEPARATOR);
            }
            appendPrompt(source, task, template, instance.input(), delimiter);
            return new FormattedExample(source.toString(), " " + instance.target());
        }
        appendPrompt(source, task, template, demonstrations.get(0).input(), delimiter);
        StringBuilder target = new StringBuilder(source.capacity()).append(' ').append(demonstrations.get(0).target());
        for (int i = 1; i < demonstrations.size(); i++) {
            target.append(DEMONSTRATION_SEPARATOR);
            appendPrompt(target, task, template, demonstrations.get(i).input(), delimiter);
            target.append(' ').append(demonstrations.get(i).target());
        }
        target.append(DEMONSTRATION_SEPARATOR);
        appendPrompt(target, task, template, instance.input(), delimiter);
        target.append(' ').append(instance.target());
        return new FormattedExample(source.toString(), target.toString());
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

    /**
     * About the prompt's length, so that its builder rarely grows and is not much larger than needed (a
     * builder is zeroed when made, so room to spare costs as much as text): the definition once, then per
     * part the input, the template or keyword sentence, a delimiter and a short demonstration output.
     */
    private static int capacity(Task task, Template template, String input, int demonstrations) {
        int instruction = switch (task.style()) {
            case TASK_LEVEL -> INPUT_PREFIX.length();
            case INSTANCE_LEVEL -> template.pattern().length();
            case KEYWORD -> task.definition().length();
        };
        int part = input.length() + instruction + 16;
        int header = task.style() == InstructionStyle.TASK_LEVEL ? task.definition().length() + 16 : 0;
        return header + (demonstrations + 1) * part;
    }

    /** Blank line between prompt parts, as {@code String.join(PART_SEPARATOR, parts)}. */
    private static void separate(StringBuilder source) {
        if (!source.isEmpty()) {
            source.append(PART_SEPARATOR);
        }
    }

    /** Appends the instruction for {@code input} and then the delimiter, as {@link #withDelimiter}. */
    private static void appendPrompt(StringBuilder out, Task task, Template template, String input, String delimiter) {
        int start = out.length();
        switch (task.style()) {
            case TASK_LEVEL -> out.append(INPUT_PREFIX).append(input);
            case INSTANCE_LEVEL -> appendTemplate(out, template.pattern(), input);
            case KEYWORD -> {
                if (!task.definition().isBlank()) {
                    out.append(task.definition().strip()).append('\n');
                }
                out.append(input);
            }
        }
        // String.stripTrailing() of the instruction alone; whitespace is never a surrogate, so chars will do.
        int end = out.length();
        while (end > start && Character.isWhitespace(out.charAt(end - 1))) {
            end--;
        }
        out.setLength(end);
        if (end == start || out.charAt(end - 1) != ':') {
            out.append(delimiter);
        }
    }

    /** {@link Template#apply} into the builder: every {@code {input}}, left to right, replaced by the input. */
    private static void appendTemplate(StringBuilder out, String pattern, String input) {
        int from = 0;
        for (int at = pattern.indexOf(Template.INPUT_PLACEHOLDER); at >= 0;
             at = pattern.indexOf(Template.INPUT_PLACEHOLDER, from)) {
            out.append(pattern, from, at).append(input);
            from = at + Template.INPUT_PLACEHOLDER.length();
        }
        out.append(pattern, from, pattern.length());
    }

    /** No delimiter when the instruction already ends with ':' (OPT-IML §2.4). */
    static String withDelimiter(String instruction, String delimiter) {
        String trimmed = instruction.stripTrailing();
        return trimmed.endsWith(":") ? trimmed : trimmed + delimiter;
    }
}
