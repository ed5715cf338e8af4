package io.imlab.cookbook.mixture;

import io.imlab.cookbook.task.Demonstration;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.Task;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PromptFormatterTest {
    private final PromptFormatter formatter = new PromptFormatter();

    /** The delimiter a prompt ends with; fails the test when it ends with none of the eight. */
    private static String delimiterOf(String source) {
        return PromptFormatter.DELIMITERS.stream().filter(source::endsWith)
                .max((a, b) -> a.length() - b.length())
                .orElseThrow(() -> new AssertionError("no delimiter at the end of: " + source));
    }

    @Test
    void taskLevelPutsDefinitionThenInputThenDelimiter() {
        Task task = TaskFixtures.taskLevel("t", "supernatural", "qa", "Answer the question.", 1);
        FormattedExample example = formatter.format(task, task.instances().get(0), new Random(1));

        String delimiter = delimiterOf(example.source());
        assertThat(example.source()).isEqualTo("Definition: Answer the question.\n\nInput: in-t-0" + delimiter);
        assertThat(example.target()).isEqualTo(" out-t-0");
    }

    @Test
    void instanceLevelTemplateEndingWithColonGetsNoDelimiter() {
        Task task = TaskFixtures.instanceLevel("t", "promptsource", "qa", List.of("Question: {input}\nAnswer:"), 1);
        FormattedExample example = formatter.format(task, task.instances().get(0), new Random(1));

        assertThat(example.source()).isEqualTo("Question: in-t-0\nAnswer:");
        assertThat(example.target()).isEqualTo(" out-t-0");
    }

    @Test
    void keywordPutsSentenceOnItsOwnLine() {
        Task task = TaskFixtures.keyword("t", "exmix", "detection", "Is the following text produced by GPT-2?", 1);
        FormattedExample example = formatter.format(task, task.instances().get(0), new Random(3));

        String delimiter = delimiterOf(example.source());
        assertThat(example.source()).isEqualTo("Is the following text produced by GPT-2?\nin-t-0" + delimiter);
    }

    @Test
    void delimiterIsDrawnPerExampleFromAllEight() {
        Task task = TaskFixtures.keyword("t", "t5", "translation", "Translate to German.", 1);
        Random random = new Random(42);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 400; i++) {
            seen.add(delimiterOf(formatter.format(task, task.instances().get(0), random).source()));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(PromptFormatter.DELIMITERS);
    }

    @Test
    void taskLevelDemonstrationsGoBetweenDefinitionAndExample() {
        Task task = TaskFixtures.taskLevel("t", "supernatural", "qa", "Do it.", 1);
        List<Demonstration> demos = List.of(new Demonstration("d1", "o1", ""), new Demonstration("d2", "o2", ""));
        FormattedExample example = formatter.format(task, task.instances().get(0), demos, new Random(5));

        String d = delimiterOf(example.source());
        assertThat(example.source()).isEqualTo(
                "Definition: Do it.\n\nInput: d1" + d + " o1\n\nInput: d2" + d + " o2\n\nInput: in-t-0" + d);
    }

    @Test
    void instanceLevelDemonstrationsUseTheSameTemplateBeforeTheExample() {
        Task task = TaskFixtures.instanceLevel("t", "flan", "qa", List.of("Q: {input}"), 1);
        List<Demonstration> demos = List.of(new Demonstration("d1", "o1", ""));
        FormattedExample example = formatter.format(task, task.instances().get(0), demos, new Random(5));

        String d = delimiterOf(example.source());
        assertThat(example.source()).isEqualTo("Q: d1" + d + " o1\n\nQ: in-t-0" + d);
    }

    @Test
    void keywordDemonstrationsRepeatTheSentenceBeforeTheExample() {
        Task task = TaskFixtures.keyword("t", "crossfit", "qa", "Answer:", 1);
        List<Demonstration> demos = List.of(new Demonstration("d1", "o1", ""));
        FormattedExample example = formatter.format(task, task.instances().get(0), demos, new Random(5));

        // The input does not end with ':', so a delimiter follows each input.
        String d = delimiterOf(example.source());
        assertThat(example.source()).isEqualTo("Answer:\nd1" + d + " o1\n\nAnswer:\nin-t-0" + d);
    }

    @Test
    void promptMixingGivesOnePromptPerInstanceWithTemplatesDrawnPerInstance() {
        List<String> patterns = List.of("First {input}:", "Second {input}:", "Third {input}:");
        Task task = TaskFixtures.instanceLevel("t", "promptsource", "qa", patterns, 60);

        List<FormattedExample> prompts = formatter.formatAll(task, new Random(9));

        assertThat(prompts).hasSize(60);
        Map<String, Integer> perTemplate = new HashMap<>();
        for (int i = 0; i < prompts.size(); i++) {
            Instance instance = task.instances().get(i);
            String source = prompts.get(i).source();
            assertThat(source).contains(instance.input());
            assertThat(prompts.get(i).target()).isEqualTo(" " + instance.target());
            perTemplate.merge(source.substring(0, source.indexOf(' ')), 1, Integer::sum);
        }
        assertThat(perTemplate).containsOnlyKeys("First", "Second", "Third");
    }

    @Test
    void sameSeedGivesSamePrompt() {
        Task task = TaskFixtures.instanceLevel("t", "flan", "qa", List.of("A {input}", "B {input}", "C {input}"), 1);
        Instance instance = task.instances().get(0);
        for (long seed = 0; seed < 20; seed++) {
            assertThat(formatter.format(task, instance, new Random(seed)))
                    .isEqualTo(formatter.format(task, instance, new Random(seed)));
        }
    }
}
