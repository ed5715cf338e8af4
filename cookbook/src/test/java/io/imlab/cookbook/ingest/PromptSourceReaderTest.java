package io.imlab.cookbook.ingest;

import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.task.Template;
import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.Taxonomy;
import io.imlab.cookbook.taxonomy.UnknownCategoryException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PromptSourceReaderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest/promptsource");

    /** Shared templates.yaml folder → self-made rows fixture. */
    private static final Map<String, String> ROW_FIXTURES = Map.of(
            "super_glue/rte", "super_glue_rte", "super_glue/copa", "super_glue_copa", "piqa", "piqa",
            "common_gen", "common_gen", "squad", "squad", "trec", "trec", "hellaswag", "hellaswag",
            "story_cloze/2016", "story_cloze");

    private static PromptSourceReader.Result read(Path templates, String rows, boolean originalTaskOnly) {
        CategoryResolver resolver = new CategoryResolver(Taxonomy.load());
        PromptSourceReader.Result result = new PromptSourceReader(resolver, originalTaskOnly).read(templates, FIXTURES.resolve(rows + ".jsonl"));
        resolver.failOnUnknownTags();
        return result;
    }

    @Test
    void everySharedTemplateFileParsesAndEveryTemplateCompiles() throws Exception {
        Path root = SharedData.require("promptsource", "templates");
        PromptSourceJinja jinja = new PromptSourceJinja();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(f -> f.getFileName().toString().equals("templates.yaml")).sorted().toList();
        }
        assertThat(files).hasSize(26);
        int templates = 0;
        List<String> syntaxErrors = new ArrayList<>();
        for (Path file : files) {
            PromptSourceTemplates parsed = PromptSourceTemplates.read(file);
            assertThat(parsed.dataset()).as(file.toString()).isNotBlank();
            for (PromptSourceTemplate template : parsed.templates()) {
                templates++;
                jinja.syntaxError(template.jinja()).ifPresent(e -> syntaxErrors.add(file + " " + template.name() + ": " + e));
                if (template.answerChoices() != null) {
                    jinja.syntaxError(template.answerChoices()).ifPresent(e -> syntaxErrors.add(file + " " + template.name() + " choices: " + e));
                }
            }
        }
        assertThat(templates).isEqualTo(246);
        assertThat(syntaxErrors).isEmpty();
    }

    @Test
    void sharedTemplatesRenderEveryFixtureRowWithoutErrors() {
        Path root = SharedData.require("promptsource", "templates");
        ROW_FIXTURES.forEach((dataset, rows) -> {
            PromptSourceReader.Result result = read(root.resolve(dataset).resolve("templates.yaml"), rows, false);
            Task task = result.task();
            assertThat(task.collection()).isEqualTo(Collections.PROMPTSOURCE);
            assertThat(task.style()).isEqualTo(InstructionStyle.INSTANCE_LEVEL);
            assertThat(PromptSourceReader.isRendered(task)).isTrue();
            assertThat(result.report().templates()).as(dataset).allSatisfy(counts -> {
                assertThat(counts.failed()).as(dataset + " " + counts.templateName() + ": " + counts.firstError()).isZero();
            });
            assertThat(result.report().rendered()).as(dataset).isEqualTo(task.instances().size()).isPositive();
            assertThat(task.instances()).allSatisfy(instance -> {
                assertThat(instance.input()).doesNotContain("|||").isNotBlank();
                assertThat(instance.target()).isNotBlank();
                assertThat(task.templates()).extracting(Template::id).contains(instance.id().substring(instance.id().lastIndexOf('#') + 1));
            });
        });
    }

    @Test
    void rendersPromptTargetAndAnswerChoicesLikePromptSource() {
        Path root = SharedData.require("promptsource", "templates");
        PromptSourceReader.Result rte = read(root.resolve("super_glue/rte/templates.yaml"), "super_glue_rte", false);
        assertThat(rte.task().name()).isEqualTo("promptsource_super_glue_rte");
        assertThat(rte.task().category()).isEqualTo("Textual Entailment");
        assertThat(rte.task().dataSource()).isEqualTo("super_glue/rte");
        assertThat(rte.task().metric()).isEqualTo(MetricKind.ACCURACY);
        // Row idx 0 has label 1 (not entailment): "MNLI crowdsource" answers "No" out of [Yes, No].
        Instance first = instance(rte.task(), "0#2b52a83c-0021-41fe-b44c-5aaa076d71a2");
        assertThat(first.input()).isEqualTo("No Weapons of Mass Destruction Found in Iraq Yet. Using only the above description and "
                + "what you know about the world, is \"Weapons of Mass Destruction Found in Iraq.\" definitely correct? Yes or no?");
        assertThat(first.outputs()).containsExactly("No");
        assertThat(first.candidates()).containsExactly("Yes", "No");
        // The unlabeled row (label -1) renders no target in any of the 10 templates: skipped and counted.
        assertThat(rte.report().rows()).isEqualTo(3);
        assertThat(rte.report().templates()).hasSize(10).allSatisfy(c -> assertThat(c.emptyTarget()).isEqualTo(1));
        assertThat(rte.task().instances()).hasSize(20);

        // Python-isms: string indexing and .lower() (piqa), ', '.join (trec), |choice (common_gen, hellaswag).
        PromptSourceReader.Result piqa = read(root.resolve("piqa/templates.yaml"), "piqa", false);
        assertThat(piqa.task().instances()).anySatisfy(i -> assertThat(i.input()).contains("provide the guinea pig with a cage"));
        PromptSourceReader.Result copa = read(root.resolve("super_glue/copa/templates.yaml"), "super_glue_copa", false);
        assertThat(copa.task().category()).isEqualTo("Cause Effect Classification");
        PromptSourceReader.Result squad = read(root.resolve("squad/templates.yaml"), "squad", false);
        assertThat(squad.task().metric()).isEqualTo(MetricKind.ROUGE_L);
        assertThat(instance(squad.task(), "5733be284776f41900661182#3d85b5b0-51db-4d72-8ead-d0b3654025ee").target())
                .isEqualTo("a golden statue of the Virgin Mary");
    }

    @Test
    void choiceFilterIsDeterministic() {
        Path root = SharedData.require("promptsource", "templates");
        Task once = read(root.resolve("hellaswag/templates.yaml"), "hellaswag", false).task();
        Task twice = read(root.resolve("hellaswag/templates.yaml"), "hellaswag", false).task();
        assertThat(once.instances()).isEqualTo(twice.instances());
    }

    @Test
    void originalTaskOptionKeepsOnlyOriginalTaskTemplates() {
        Path root = SharedData.require("promptsource", "templates");
        PromptSourceReader.Result all = read(root.resolve("super_glue/copa/templates.yaml"), "super_glue_copa", false);
        PromptSourceReader.Result original = read(root.resolve("super_glue/copa/templates.yaml"), "super_glue_copa", true);
        assertThat(original.task().templates()).isNotEmpty().allSatisfy(t -> assertThat(t.originalTask()).isTrue());
        assertThat(original.task().templates().size() + original.report().skippedTemplates().size())
                .isEqualTo(all.task().templates().size());
        assertThat(original.task().metadata()).containsEntry("promptsource.originalTaskOnly", "true");
    }

    @Test
    void aTemplateThatDoesNotParseNamesFileAndField() {
        assertThatThrownBy(() -> read(FIXTURES.resolve("bad/unparsable_templates.yaml"), "super_glue_rte", false))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("unparsable_templates.yaml: templates.11111111-0000-0000-0000-000000000001.jinja: template does not parse")
                .hasMessageContaining("endif");
    }

    @Test
    void aTemplateThatDoesNotRenderForARowSkipsTheRowAndIsCounted() {
        PromptSourceReader.Result result = read(FIXTURES.resolve("bad/render_failure_templates.yaml"), "super_glue_rte", false);
        PromptSourceRenderReport.TemplateCounts ok = result.report().templates().get(0);
        PromptSourceRenderReport.TemplateCounts broken = result.report().templates().get(1);
        // label -1 indexes the last choice in Python and in Jinjava, so all three rows render.
        assertThat(ok.rendered()).isEqualTo(3);
        assertThat(broken.rendered()).isZero();
        assertThat(broken.failed()).isEqualTo(3);
        assertThat(broken.firstError()).contains("super_glue_rte.jsonl:1: jinja:").contains("context_that_rows_lack");
        assertThat(result.report().skipped()).isEqualTo(3);
        assertThat(result.task().instances()).hasSize(3);
    }

    @Test
    void invalidYamlNamesFileAndLine() {
        assertThatThrownBy(() -> read(FIXTURES.resolve("bad/invalid_yaml_templates.yaml"), "super_glue_rte", false))
                .isInstanceOf(IngestException.class)
                .hasMessageMatching("(?s).*invalid_yaml_templates\\.yaml:\\d+: invalid YAML.*");
    }

    @Test
    void missingOrMistypedTemplateFieldsAreAllListed() {
        assertThatThrownBy(() -> read(FIXTURES.resolve("bad/missing_jinja_templates.yaml"), "super_glue_rte", false))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("templates.55555555-0000-0000-0000-000000000001.jinja: missing")
                .hasMessageContaining("templates.55555555-0000-0000-0000-000000000002.jinja: expected a string")
                .hasMessageContaining("templates.55555555-0000-0000-0000-000000000002.answer_choices: expected a string or null");
    }

    @Test
    void anUnknownDatasetIsAnUnknownCategoryTag() {
        assertThatThrownBy(() -> read(FIXTURES.resolve("bad/unknown_dataset_templates.yaml"), "unknown_dataset", false))
                .isInstanceOf(UnknownCategoryException.class)
                .hasMessageContaining("unknown_dataset_templates.yaml: dataset: unknown promptsource category tag 'my_private_corpus'");
    }

    private static Instance instance(Task task, String id) {
        return task.instances().stream().filter(i -> i.id().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no instance " + id));
    }
}
