package io.imlab.cookbook.ingest;

import io.imlab.cookbook.task.Collections;
import io.imlab.cookbook.task.Instance;
import io.imlab.cookbook.task.InstructionStyle;
import io.imlab.cookbook.task.MetricKind;
import io.imlab.cookbook.task.Task;
import io.imlab.cookbook.taxonomy.CategoryResolver;
import io.imlab.cookbook.taxonomy.Taxonomy;
import io.imlab.cookbook.taxonomy.UnknownCategoryException;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SuperNaturalInstructionsReaderTest {
    private static final Path FIXTURES = Path.of("src/test/resources/ingest/superni");

    private static SuperNaturalInstructionsReader reader() {
        return new SuperNaturalInstructionsReader(new CategoryResolver(Taxonomy.load()));
    }

    @Test
    void readsTheSharedTasksWithTheirCountsCategoriesAndLabelSets() throws Exception {
        Path root = SharedData.require("supernatural");
        List<Task> tasks = reader().readFolder(root.resolve("tasks"));

        assertThat(tasks).hasSize(120);
        assertThat(tasks.stream().mapToInt(t -> t.instances().size()).sum()).isEqualTo(144_117);
        assertThat(tasks).allSatisfy(task -> {
            assertThat(task.collection()).isEqualTo(Collections.SUPER_NATURAL_INSTRUCTIONS);
            assertThat(task.style()).isEqualTo(InstructionStyle.TASK_LEVEL);
            assertThat(task.definition()).isNotBlank();
            assertThat(task.positiveExamples()).isNotEmpty();
            assertThat(task.metadata()).containsKeys("instanceLicense", "inputLanguage", "outputLanguage");
        });

        // MANIFEST.tsv: file, ..., categories (col 7), instances (col 8), distinct outputs (9), licence (10)
        Map<String, String[]> manifest = new HashMap<>();
        for (String line : Files.readAllLines(root.resolve("MANIFEST.tsv")).subList(1, 121)) {
            String[] fields = line.split("\t");
            manifest.put(fields[0].replace(".json", ""), fields);
        }
        for (Task task : tasks) {
            String[] row = manifest.get(task.name());
            assertThat(task.category()).as(task.name()).isEqualTo(row[6]);
            assertThat(task.instances()).as(task.name()).hasSize(Integer.parseInt(row[7]));
            assertThat(task.metadata().get("instanceLicense")).as(task.name()).isEqualTo(row[9]);
        }

        // Small closed label sets (<= 10 distinct single-reference outputs) become classification tasks.
        Set<String> accuracy = tasks.stream().filter(t -> t.metric() == MetricKind.ACCURACY).map(Task::name).collect(Collectors.toSet());
        assertThat(accuracy).containsExactlyInAnyOrder(
                "task1344_glue_entailment_classification", "task227_clariq_classification",
                "task843_financial_phrasebank_classification", "task1289_trec_classification",
                "task859_prost_question_generation");
        Task rte = byName(tasks, "task1344_glue_entailment_classification");
        assertThat(rte.dataSource()).isEqualTo("rte");
        assertThat(rte.instances()).allSatisfy(i -> assertThat(i.candidates()).containsExactly("0", "1"));
        // task143 has 52 labels and task082 several references per instance: generation-scored.
        assertThat(byName(tasks, "task143_odd-man-out_classification_generate_category").metric()).isEqualTo(MetricKind.ROUGE_L);
        assertThat(byName(tasks, "task082_babi_t1_single_supporting_fact_question_generation").instances().get(0).candidates()).isEmpty();
        // The two different upstream tasks numbered 861 are both there.
        assertThat(tasks).extracting(Task::name).contains("task861_prost_mcq_answers_generation", "task861_asdiv_addsub_question_answering");
    }

    @Test
    void readsTheFixtureTaskFields() {
        List<Task> tasks = reader().readFolder(FIXTURES.resolve("good"));
        Task classification = byName(tasks, "task9001_fixture_entailment_classification");
        assertThat(classification.category()).isEqualTo("Textual Entailment");
        assertThat(classification.dataSource()).isEqualTo("fixture_rte");
        assertThat(classification.metric()).isEqualTo(MetricKind.ACCURACY);
        assertThat(classification.instances()).extracting(Instance::candidates).containsOnly(List.of("no", "yes"));
        assertThat(classification.positiveExamples().get(0).explanation()).isEqualTo("Rain makes things wet.");
        assertThat(classification.negativeExamples()).hasSize(1);
        assertThat(classification.metadata()).containsEntry("domains", "News").containsEntry("instanceLicense", "Apache 2.0");

        Task generation = byName(tasks, "task9002_fixture_summary_generation");
        assertThat(generation.metric()).isEqualTo(MetricKind.ROUGE_L);
        assertThat(generation.instances().get(0).outputs()).containsExactly("Council approves budget.", "Budget approved after debate.");
        assertThat(generation.instances().get(0).candidates()).isEmpty();
    }

    @Test
    void truncatedJsonNamesFileFieldAndLine() {
        assertThatThrownBy(() -> reader().read(FIXTURES.resolve("truncated/task9101_fixture_truncated.json")))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("task9101_fixture_truncated.json:39: /Negative Examples/0/input: invalid JSON")
                .hasMessageContaining("end-of-input");
    }

    @Test
    void invalidJsonNamesFileFieldAndLine() {
        assertThatThrownBy(() -> reader().read(FIXTURES.resolve("invalid/task9102_fixture_invalid.json")))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("task9102_fixture_invalid.json:57: /Instances/1")
                .hasMessageContaining("invalid JSON");
    }

    @Test
    void wrongFieldTypeNamesFileAndField() {
        assertThatThrownBy(() -> reader().read(FIXTURES.resolve("wrong-type/task9103_fixture_wrong_type.json")))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("task9103_fixture_wrong_type.json:")
                .hasMessageContaining("/Instances/1/output/0: expected a string, found a number");
    }

    @Test
    void missingDefinitionNamesFileAndField() {
        assertThatThrownBy(() -> reader().read(FIXTURES.resolve("missing-definition/task9104_fixture_missing_definition.json")))
                .isInstanceOf(IngestException.class)
                .hasMessageContaining("task9104_fixture_missing_definition.json: /Definition: missing");
    }

    @Test
    void unknownCategoriesAreAllListedAtOnce() {
        assertThatThrownBy(() -> reader().readFolder(FIXTURES.resolve("unknown-category")))
                .isInstanceOf(UnknownCategoryException.class)
                .hasMessageContaining("2 unknown category tags")
                .hasMessageContaining("task9105_fixture_unknown_a.json: /Categories/0: unknown supernatural category tag 'Vibe Detection'")
                .hasMessageContaining("task9106_fixture_unknown_b.json: /Categories/0: unknown supernatural category tag 'Horoscope Writing'");
    }

    static Task byName(List<Task> tasks, String name) {
        return tasks.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no task " + name));
    }
}
