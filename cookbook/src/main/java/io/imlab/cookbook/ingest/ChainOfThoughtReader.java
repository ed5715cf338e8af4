package io.imlab.cookbook.ingest;

import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.TextExample;
import io.imlab.cookbook.taxonomy.CategoryResolver;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads chain-of-thought data into rationale-then-answer examples (OPT-IML §4.5, Table 7: the reasoning
 * data is "rationale followed by the answer"):
 * <ul>
 *   <li>GSM8K JSONL ({@code question}, {@code answer} = worked solution then {@code #### N}): the calculator
 *       annotations {@code <<48/2=24>>} are removed and the final line becomes "So the answer is N.";</li>
 *   <li>FLAN v2 CoT TSVs ({@code question \t answer \t rationale}, newlines escaped as {@code \n}): the
 *       target is the rationale, then "So the answer is {answer}.".</li>
 * </ul>
 * The examples feed the CoT pool of a recipe, or become a task of the reasoning collection
 * ({@link #asTask}).
 */
public final class ChainOfThoughtReader {
    /** The definition given to reasoning-collection tasks built from CoT examples. */
    public static final String DEFINITION = "Answer the following question. Reason step by step, then give the answer.";

    private static final Pattern CALCULATOR_ANNOTATION = Pattern.compile("<<[^>]*>>");
    private static final String GSM8K_ANSWER_MARK = "####";

    private ChainOfThoughtReader() {
    }

    /** GSM8K problems as (question, rationale then "So the answer is N.") examples. */
    public static List<TextExample> readGsm8k(Path jsonl) {
        List<TextExample> examples = new ArrayList<>();
        JsonLines.forEach(jsonl, (line, node) -> {
            String question = JsonLines.requiredString(jsonl, line, node, "question");
            String answer = JsonLines.requiredString(jsonl, line, node, "answer");
            int mark = answer.lastIndexOf(GSM8K_ANSWER_MARK);
            if (mark < 0) {
                throw new IngestException(jsonl.toString(), "answer", line, "no '" + GSM8K_ANSWER_MARK + " <answer>' line");
            }
            String finalAnswer = answer.substring(mark + GSM8K_ANSWER_MARK.length()).strip();
            String rationale = CALCULATOR_ANNOTATION.matcher(answer.substring(0, mark)).replaceAll("");
            examples.add(new TextExample(question.strip(), rationaleThenAnswer(rationale, finalAnswer)));
        });
        return examples;
    }

    /** FLAN v2 CoT TSV rows ({@code question \t answer \t rationale}) as rationale-then-answer examples. */
    public static List<TextExample> readFlanCotTsv(Path tsv) {
        List<TextExample> examples = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(tsv, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (String line; (line = reader.readLine()) != null; ) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split("\t", -1);
                if (fields.length != 3) {
                    throw new IngestException(tsv.toString(), "question\\tanswer\\trationale", lineNumber,
                            "expected 3 tab-separated fields, found " + fields.length);
                }
                String question = unescape(fields[0]).strip();
                String answer = unescape(fields[1]).strip();
                String rationale = unescape(fields[2]).strip();
                List<String> empty = new ArrayList<>();
                if (question.isEmpty()) {
                    empty.add("question");
                }
                if (answer.isEmpty()) {
                    empty.add("answer");
                }
                if (rationale.isEmpty()) {
                    empty.add("rationale");
                }
                if (!empty.isEmpty()) {
                    throw new IngestException(tsv.toString(), String.join(", ", empty), lineNumber, "must not be empty");
                }
                examples.add(new TextExample(question, rationaleThenAnswer(rationale, answer)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + tsv, e);
        }
        return examples;
    }

    /**
     * A reasoning-collection task from CoT examples: the target (rationale then answer) is the training
     * output; the bare answer is a second reference.
     *
     * @param name       task name, e.g. {@code cot_gsm8k}
     * @param dataSource the dataset, e.g. {@code gsm8k}
     * @param tag        the reasoning collection's tag, resolved through the taxonomy (e.g. {@code gsm8k})
     * @param file       the file the examples came from, for error messages
     */
    public static Task asTask(String name, String dataSource, String tag, String file, List<TextExample> examples,
            CategoryResolver categories) {
        String category = categories.resolve(Collections.REASONING, tag, file, "tag");
        List<Instance> instances = new ArrayList<>(examples.size());
        for (int i = 0; i < examples.size(); i++) {
            TextExample example = examples.get(i);
            String answer = answerOf(example.target());
            List<String> outputs = answer.equals(example.target()) ? List.of(example.target()) : List.of(example.target(), answer);
            instances.add(new Instance(name + "-" + i, example.source(), outputs, List.of()));
        }
        return new Task(name, Collections.REASONING, category, dataSource, InstructionStyle.TASK_LEVEL, DEFINITION,
                List.of(), List.of(), List.of(), MetricKind.ROUGE_L, instances, Map.of("source", file));
    }

    /** The answer of a rationale-then-answer target (what follows the last "So the answer is"). */
    public static String answerOf(String target) {
        int at = target.lastIndexOf("So the answer is ");
        if (at < 0) {
            return target;
        }
        String answer = target.substring(at + "So the answer is ".length()).strip();
        return answer.endsWith(".") ? answer.substring(0, answer.length() - 1) : answer;
    }

    static String rationaleThenAnswer(String rationale, String answer) {
        // Worked solutions are one step per line; the CoT target reads as one paragraph.
        String joined = String.join(" ", rationale.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        return (joined.isEmpty() ? "" : joined + " ") + "So the answer is " + answer + ".";
    }

    private static String unescape(String field) {
        return field.replace("\\n", "\n").replace("\\t", "\t");
    }
}
